package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.ingest.Format;
import io.narrowcast.normalize.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogProfileTest {
  static final Instant T0 = Instant.parse("2022-03-09T18:11:00Z");

  @TempDir
  Path dir;

  static String line(Instant time, String source, String name) {
    return "{\"event_time\":\"" + time + "\",\"source_ip\":\"" + source + "\",\"query\":\"" + name + "\"}";
  }

  /** A device whose clock says 2010 for three lookups, then 23 minutes of a LAN, written out of order. */
  private LogProfile lan() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(line(T0.plusSeconds(600), "10.0.2.15", "a.example"));
    for (int i = 0; i < 3; i++) {
      lines.add(line(Instant.parse("2010-08-21T02:10:40Z").plusSeconds(i), "10.0.2.30", "clock.example"));
    }
    for (int minute = 0; minute <= 23; minute++) {
      lines.add(line(T0.plusSeconds(60L * minute), "10.0.2.15", "b.example"));
      lines.add(line(T0.plusSeconds(60L * minute + 5), minute % 2 == 0 ? "10.0.2.16" : "10.0.3.1", "c.Injected.TEST"));
    }
    lines.add("not json");
    Path log = Files.write(dir.resolve("dns.jsonl"), lines);
    return LogProfile.read(List.of(log), Format.JSONL, ".test");
  }

  @Test
  void theBusiestStretchLeavesOutAClockThatWasWrongForAWhile() throws IOException {
    LogProfile profile = lan();
    assertThat(profile.events()).isEqualTo(52);
    assertThat(profile.summary().rejected()).isEqualTo(1);
    assertThat(profile.busiestStretch()).isEqualTo(new LogProfile.Stretch(T0.toEpochMilli(),
        T0.plusSeconds(23 * 60 + 5).toEpochMilli(), 49));
  }

  @Test
  void aPauseOfLessThanHalfTheLogDoesNotSplitIt() throws IOException {
    // a host walking a DGA: one lookup, 168 s of nothing, then 173 s of bursts
    List<String> lines = new ArrayList<>();
    lines.add(line(Instant.EPOCH.plusSeconds(16), "192.168.1.116", "a.example"));
    for (int second = 184; second <= 357; second++) {
      lines.add(line(Instant.EPOCH.plusSeconds(second), "192.168.1.116", "n" + second + ".example"));
    }
    Path log = Files.write(dir.resolve("dga.jsonl"), lines);
    assertThat(LogProfile.read(List.of(log), Format.JSONL, ".test").busiestStretch())
        .isEqualTo(new LogProfile.Stretch(16_000, 357_000, 175));
  }

  @Test
  void sourcesAreRankedByTheirLookupsInTheStretchAsTheDetectorCountsThem() throws IOException {
    LogProfile profile = lan();
    long from = T0.toEpochMilli();
    long to = T0.plusSeconds(3600).toEpochMilli();
    assertThat(profile.busiestSources(from, to, Sources.Granularity.ADDRESS)).containsExactly("10.0.2.15", "10.0.2.16", "10.0.3.1");
    // by /24, 10.0.2.15 and .16 are one source, named by the busier
    assertThat(profile.busiestSources(from, to, Sources.Granularity.PREFIX)).containsExactly("10.0.2.15", "10.0.3.1");
    assertThat(profile.allSources(Sources.Granularity.PREFIX)).containsExactlyInAnyOrder("10.0.2.0/24", "10.0.3.0/24");
  }

  @Test
  void namesUnderTheSuffixAreRememberedNormalized() throws IOException {
    assertThat(lan().namesUnder()).containsExactly("c.injected.test");
  }
}
