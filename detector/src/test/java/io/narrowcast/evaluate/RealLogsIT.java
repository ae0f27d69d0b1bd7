package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.cli.DocExample;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.Format;
import io.narrowcast.replay.GoldenAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detector on every real log of {@code ../shared/data/real} (beside the project, as CI has it), each
 * replayed alone at the defaults with windows fitted to its busiest stretch, as {@code evaluate
 * --background} does: the false alarms of each are held to the number stated below (what the rules of
 * today raise; lower them as the rules improve). Into two of them, a Zeek TSV and a Zeek JSON log,
 * labelled anomalies are injected, and each must be found. The example of {@code evaluate --background}
 * in docs/detection.md is checked against the M57 day's output here, and README's quick start that
 * replays that day is run as written. Each log's alert messages are those recorded in
 * golden-alerts/real-NAME.txt.
 */
class RealLogsIT {
  static final Path ROOT = projectRoot();
  static final Path REAL = ROOT.getParent().resolve("shared").resolve("data").resolve("real");
  static final String OTRF = "otrf_apt29";
  static final String DETECTION_DOC = "docs/detection.md";
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /**
   * One log.
   *
   * @param files its files under {@link #REAL}; the APT29 range's eight sensors are merged by time into one log
   * @param inject whether anomalies are injected
   * @param falseAlarms the most it may raise
   * @param renamesMissed the injected renames it misses: on M57's four hosts, each takes up new names all
   *     day, so only the tie of alike names vouches for a rename and the evening's, after many new names, fall short
   */
  record Log(String name, Format format, List<String> files, boolean inject, int falseAlarms, int renamesMissed) {
    @Override
    public String toString() {
      return name + (inject ? " with anomalies injected" : "");
    }

    /** Its file in golden-alerts: "real-m57-day-18". */
    String goldenName() {
      return "real-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
  }

  static List<Log> logs() {
    return List.of(
        new Log("M57 day 18", Format.ZEEK, List.of("m57/2009-M57-day11-18.dns.log"), true, 0, 2),
        new Log("M57 day 21", Format.ZEEK, List.of("m57/2009-M57-day11-21.dns.log"), false, 0, 0),
        new Log("sealingtech LAN", Format.ZEEK, List.of("sealingtech_dco/dns.log"), false, 0, 0),
        new Log("CTU kovter", Format.ZEEK, List.of("ctu/CTU-Malware-Capture-Botnet-219-2_kovter_day1.dns.log.labeled"), false, 0, 0),
        new Log("CTU simda", Format.ZEEK, List.of("ctu/CTU-Malware-Capture-Botnet-355-1_simda_first1000.dns.log"), false, 0, 0),
        new Log("slips test9", Format.ZEEK_JSON, List.of("ctu/slips_test9-mixed.dns.json.log"), false, 0, 0),
        new Log("slips test6", Format.SURICATA, List.of("ctu/slips_test6-malicious.suricata.eve.json"), false, 0, 0),
        new Log("APT29 range", Format.ZEEK_JSON, List.of(OTRF + "/day1_NASHUA_dns.log", OTRF + "/day1_SCRANTON_dns.log",
            OTRF + "/day2_NEWYORK_dns.log", OTRF + "/day2_SCRANTON_dns.log", OTRF + "/day2_UTICA-A_dns.log",
            OTRF + "/day2_UTICA-C_dns.log", OTRF + "/day2_UTICA-D_dns.log", OTRF + "/day2_UTICA-ONE-DRIVE_dns.log"), true, 0, 0),
        new Log("Trickbot week", Format.ZEEK, List.of("trickbot_mta/2018-11-09-one-week-of-a-Trickbot-infection.dns.log"), false, 0, 0),
        new Log("RITA proxy", Format.ZEEK, List.of("rita/proxy_dns.log"), false, 0, 0),
        new Log("RITA rolling", Format.ZEEK, List.of("rita/proxy_rolling_dns.16-17.log.gz"), false, 0, 0));
  }

  @TempDir
  static Path work;

  @BeforeAll
  static void theRealLogsAreBesideTheProject() {
    assertThat(REAL).as("the real logs: shared/data/real beside the project at %s (CI checks shared/ out beside the clone)", ROOT)
        .isDirectory();
  }

  @Test
  void everyLogThereIsReplayedHere() throws IOException {
    try (Stream<Path> all = Files.walk(REAL)) {
      List<String> logs = all.filter(Files::isRegularFile).map(f -> REAL.relativize(f).toString())
          .filter(f -> !f.endsWith(".md")).sorted().toList();
      assertThat(logs).containsExactlyInAnyOrderElementsOf(logs().stream().flatMap(l -> l.files().stream()).toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void falseAlarmsStayWithinTheStatedNumberAndInjectedAnomaliesAreFound(Log log) throws Exception {
    BackgroundEvaluation.Result result = BackgroundEvaluation.run(new BackgroundEvaluation.Request(files(log), log.format(),
        DetectionConfig.defaults(), Set.of(), 1, log.inject()), null);

    GoldenAlerts.assertMatches(log.goldenName(), result.replay().messages());
    assertThat(result.replay().eventsDetected()).isEqualTo(result.profile().events()
        + (log.inject() ? result.injected().events().size() : 0));
    assertThat(result.falseAlarms()).as("false alarms of %s:%n%s", log, String.join("\n", result.lines()))
        .isLessThanOrEqualTo(log.falseAlarms());
    if (log.inject()) {
      for (var kind : io.narrowcast.alert.AlertKind.values()) {
        assertThat(result.evaluation().score(kind).expected()).isEqualTo(4);
        assertThat(result.evaluation().score(kind).misses()).as("%s misses in %s", kind, log)
            .hasSize(kind == io.narrowcast.alert.AlertKind.RENAME_FOLLOW ? log.renamesMissed() : 0);
      }
    }
    if (log.files().equals(List.of("m57/2009-M57-day11-18.dns.log"))) {
      assertThat(docsExample()).as(DETECTION_DOC + "'s example of evaluate --background").isEqualTo(result.lines());
    }
  }

  @Test
  void readmesQuickStartReplaysTheM57DayAsShown() throws Exception {
    DocExample example = DocExample.startingWith("README.md", "java -jar detector/target/narrowcast.jar replay ");
    Path err = work.resolve("quick-start.err");
    // as README runs it, from the top of the repository, with the jar the package phase built
    Process replay = new ProcessBuilder(example.command(List.of(JAVA), "")).directory(ROOT.toFile())
        .redirectOutput(work.resolve("quick-start.out").toFile()).redirectError(err.toFile()).start();
    assertThat(replay.waitFor(5, TimeUnit.MINUTES)).as("the replay ended").isTrue();

    assertThat(replay.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(work.resolve("quick-start.out"))).as("no alert").isEmpty();
    example.assertShownIn(Files.readAllLines(err));
  }

  /** The log's files; the APT29 range's sensors, each a file of its own, merged by time as one sensor for the range would write them. */
  private static List<Path> files(Log log) throws IOException {
    if (!log.files().get(0).startsWith(OTRF)) {
      return log.files().stream().map(REAL::resolve).toList();
    }
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String file : log.files()) {
      lines.addAll(Files.readAllLines(REAL.resolve(file)));
    }
    lines.sort(Comparator.comparingDouble(line -> {
      try {
        return json.readTree(line).get("ts").asDouble();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
    return List.of(Files.write(work.resolve("apt29_range_dns.log"), lines));
  }

  /** The fenced block of the detection page that starts with the M57 day's background line. */
  private static List<String> docsExample() throws IOException {
    List<String> page = Files.readAllLines(ROOT.resolve(DETECTION_DOC));
    int start = page.indexOf("background: 2009-M57-day11-18.dns.log (zeek), read 7,774: accepted 3,819, rejected 1 "
        + "(missing field 1), skipped 3,954 (llmnr 96, mdns 241, netbios-ns 3,617)");
    if (start < 0) {
      return List.of();
    }
    return page.subList(start, page.subList(start, page.size()).indexOf("```") + start);
  }

  /** The directory of the parent pom: the tests run in the module's directory. */
  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("detector")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no project directory above " + Path.of("").toAbsolutePath());
  }
}
