package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertText;
import io.narrowcast.replay.GoldenAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command as a newcomer runs it, after the build that the package phase has done: the
 * demo at its defaults, in a JVM of its own with the default heap, prints what README shows of it,
 * the alerts recorded in golden-alerts, and no log line of Kafka's.
 */
class DemoIT {
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** The demo at its defaults replays what evaluate does for alfa at seed 1; EvaluationIT records and compares its messages. */
  static final String GOLDEN = "evaluate-seed-1-alfa";

  @TempDir
  static Path work;

  @Test
  void theDemoPrintsWhatReadmeShows() throws Exception {
    List<String> words = DocExample.startingWith("README.md", "mvn -B -q -DskipTests package && ").words();
    List<String> demo = words.subList(words.indexOf("&&") + 1, words.size());
    assertThat(demo).containsExactly("java", "-jar", "detector/target/narrowcast.jar", "demo");
    Path out = work.resolve("demo.out");
    Path err = work.resolve("demo.err");
    Process process = new ProcessBuilder(new DocExample("README.md", demo, List.of()).command(List.of(JAVA), ""))
        .directory(DocExample.REPOSITORY.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("the demo ended").isTrue();
    } finally {
      process.destroyForcibly();
    }

    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    DocExample.output("README.md", "Simulating scenario 'alfa' (seed 1), ").assertShownIn(Files.readAllLines(out));
    if (!GoldenAlerts.recording()) { // the file may be being rewritten
      assertThat(printedAlerts(Files.readString(out))).as("the alerts printed, against golden-alerts/%s.txt", GOLDEN)
          .containsExactlyInAnyOrderElementsOf(GoldenAlerts.recorded(GOLDEN).stream()
              .map(m -> AlertText.format(m.alert()).strip()).toList());
    }
    // the embedded broker and the clients log to broker.log, not to the newcomer's console (issue 20, item 7)
    for (Path printed : List.of(out, err)) {
      assertThat(Files.readAllLines(printed)).as(printed.getFileName().toString())
          .noneMatch(line -> line.matches(".*\\b(ERROR|WARN)\\b.*"));
    }
  }

  /** The alerts as the demo printed them as they fired, between its opening lines and the summary: one text each. */
  private static List<String> printedAlerts(String out) {
    String fired = out.substring(out.indexOf("alerts as they fire:"), out.indexOf(System.lineSeparator() + "Summary"));
    return Arrays.stream(fired.split("\\R\\R")).skip(1).map(String::strip).toList();
  }
}
