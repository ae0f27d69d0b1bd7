package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Most names of a passive-DNS feed are looked up once, by one source, in one window; what the
 * detector keeps for such a name bounds its state. Target: at most 200 bytes (issue 7).
 */
class LongTailStateSizeTest {
  /** Of a window store's key in RocksDB and its changelog: the window start and a sequence number. */
  static final int WINDOW_KEY_SUFFIX = 8 + 4;

  @Test
  void aNameLookedUpOnceByOneSourceTakesAtMost200Bytes() {
    String name = "cdn-eu-west-17.static-shop.example";
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    long windowStart = Instant.parse("2024-01-10T00:00:00Z").toEpochMilli();
    QuerierSet window = new QuerierSet(QuerierSet.DEFAULT_EXACT_CAP);
    window.add("10.20.30.40", windowStart + 3_600_000, Outcome.ANSWERED, List.of("198.51.100.23"));
    DomainLifecycle lifecycle = DomainLifecycle.firstWindow(windowStart, window, windowStart - 30L * 86_400_000);

    int querierSet = key.length + WINDOW_KEY_SUFFIX + window.toBytes().length;
    int nameLifecycle = key.length + lifecycle.toBytes().length;

    assertThat(querierSet + nameLifecycle).isLessThanOrEqualTo(200);
    // each value on its own stays small too: no fixed-size sketch or padding for one source
    assertThat(window.toBytes().length).isLessThan(64);
    assertThat(lifecycle.toBytes().length).isLessThan(64);
  }
}
