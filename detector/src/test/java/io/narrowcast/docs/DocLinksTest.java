package io.narrowcast.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs hold together: every relative link finds its file and heading, and README stays a short read. */
class DocLinksTest {
  /** The repository, from the detector module where tests run. */
  static final Path REPOSITORY = Path.of("..");
  /** A markdown link's target, images included; an angle-bracketed or titled target is not used in the docs. */
  static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  static final Pattern HEADING = Pattern.compile("#{1,6} +(.+?)#*\\s*");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md"), REPOSITORY.resolve("deploy/README.md")));
    try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        if (target.matches("[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
          broken.add(page + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(file).contains(target.substring(hash + 1))) {
          broken.add(page + ": " + target + " (no such heading in " + file + ")");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void readmeIsUnderThreeHundredLines() throws IOException {
    assertThat(Files.readAllLines(REPOSITORY.resolve("README.md"))).hasSizeLessThan(300);
  }

  @Test
  void anchorsFollowGitHubsSlugs() {
    assertThat(slug("A broker for trying things out: `narrowcast broker`")).isEqualTo("a-broker-for-trying-things-out-narrowcast-broker");
    assertThat(slug("OCSF findings for a SIEM: `dns.alerts.ocsf`")).isEqualTo("ocsf-findings-for-a-siem-dnsalertsocsf");
    assertThat(slug("1. A broker: `narrowcast broker`")).isEqualTo("1-a-broker-narrowcast-broker");
  }

  /** Link targets outside fenced blocks. */
  static List<String> links(Path page) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          targets.add(link.group(1));
        }
      }
    }
    return targets;
  }

  /** The anchors GitHub gives a page's headings (outside fenced blocks), a repeated one numbered from -1. */
  static List<String> anchors(Path file) throws IOException {
    List<String> anchors = new ArrayList<>();
    if (!file.toString().endsWith(".md")) {
      return anchors;
    }
    boolean fenced = false;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      Matcher heading = HEADING.matcher(line);
      if (!fenced && heading.matches()) {
        String slug = slug(heading.group(1));
        long seen = anchors.stream().filter(a -> a.equals(slug) || a.matches(Pattern.quote(slug) + "-\\d+")).count();
        anchors.add(seen == 0 ? slug : slug + "-" + seen);
      }
    }
    return anchors;
  }

  /** GitHub's rule: lower case, punctuation other than - and _ dropped, each space a hyphen. */
  static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
  }
}
