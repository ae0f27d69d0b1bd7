package io.narrowcast.report;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every report page must pass. */
public final class ReportAssertions {
  private ReportAssertions() {}

  /** Nothing on the page makes a browser fetch: no scripts, links, images, URLs; a CSP that forbids them anyway. */
  public static void assertNoFetches(String html) {
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'")
        .doesNotContain("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import")
        .doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg\")");
  }
}
