package io.narrowcast.replay;

import static org.assertj.core.api.Assertions.fail;

import io.narrowcast.avro.Alert;
import io.narrowcast.runtime.AlertMessage;
import io.narrowcast.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The alert messages of a replay compared with those recorded from an earlier build of the detector,
 * in {@code src/test/resources/golden-alerts/NAME.txt}, so that a change meant to leave detection alone
 * (issue 23: the state stores rewritten for speed) is shown to send the same messages, field for field.
 * One line a message: its key, {@code @} and its record timestamp (epoch ms), then the alert in Avro's
 * JSON encoding (every field of the schema in its order, unions tagged, times in epoch ms).
 *
 * <p>With {@code -Dnarrowcast.golden.record=true} the file is written from this run instead, and the
 * comparison passes: how the files are made, from the build whose alerts are to be kept.
 */
public final class GoldenAlerts {
  /** The system property that turns comparing into recording. */
  private static final String RECORD = "narrowcast.golden.record";
  /** In the source tree, not target/test-classes: a recording must replace the committed file. Tests run in detector/. */
  static final Path RECORDED = Path.of("src", "test", "resources", "golden-alerts");
  /** Where a run that differs leaves its own lines, for a diff with the recorded file. */
  static final Path SENT = Path.of("target", "golden-alerts");

  /*
   * Sorted by timestamp, key and then the whole line, even on one partition: collapse alerts and rename
   * alerts come from different tasks (the renames' behind two repartition topics), and how a stream
   * thread interleaves their output can follow when each task's input was fetched rather than the
   * input; on several partitions, so does the order across them.
   */
  private static final Comparator<Line> ORDER = Comparator.comparingLong(Line::timestamp)
      .thenComparing(Line::key, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Line::text);

  private record Line(String key, long timestamp, String text) {}

  static {
    // Avro 1.12 makes generated classes only once told to trust them, as the project's serde does when
    // loaded; a test that replays nothing in this JVM (DemoIT) has not loaded it yet
    Objects.requireNonNull(Topics.ALERTS.valueSerde());
  }

  private GoldenAlerts() {}

  /** Whether this run records the files rather than comparing with them. */
  public static boolean recording() {
    return Boolean.getBoolean(RECORD);
  }

  /** The messages as the lines of a recorded file. */
  private static List<String> lines(List<AlertMessage> messages) {
    return messages.stream().map(m -> new Line(m.key(), m.timestamp(), m.key() + " @" + m.timestamp() + " " + json(m.alert())))
        .sorted(ORDER).map(Line::text).toList();
  }

  /**
   * Asserts that {@code messages} are those recorded as {@code name}, or, when recording, records them.
   *
   * @throws AssertionError naming the first line that differs and the numbers of messages
   */
  public static void assertMatches(String name, List<AlertMessage> messages) throws IOException {
    List<String> sent = lines(messages);
    Path recorded = RECORDED.resolve(name + ".txt");
    if (recording()) {
      Files.createDirectories(RECORDED);
      Files.write(recorded, sent);
      return;
    }
    if (!Files.exists(recorded)) {
      fail("no recorded alerts " + recorded.toAbsolutePath() + ": record them with -D" + RECORD + "=true");
    }
    List<String> expected = Files.readAllLines(recorded);
    if (expected.equals(sent)) {
      return;
    }
    Files.createDirectories(SENT);
    Path here = Files.write(SENT.resolve(name + ".txt"), sent);
    int line = 0;
    while (line < expected.size() && line < sent.size() && expected.get(line).equals(sent.get(line))) {
      line++;
    }
    fail(String.format("%s: %d alert messages recorded, %d sent; line %d differs%n  recorded: %s%n  sent:     %s%n"
        + "(this run's messages are in %s: diff them with the recorded file)", recorded, expected.size(), sent.size(), line + 1,
        line < expected.size() ? expected.get(line) : "(no more)", line < sent.size() ? sent.get(line) : "(no more)",
        here.toAbsolutePath()));
  }

  /** The messages recorded as {@code name}, in the file's order. */
  public static List<AlertMessage> recorded(String name) throws IOException {
    return Files.readAllLines(RECORDED.resolve(name + ".txt")).stream().map(line -> {
      int at = line.indexOf(" @");
      int value = line.indexOf(' ', at + 2);
      return new AlertMessage(line.substring(0, at), Long.parseLong(line.substring(at + 2, value)), alert(line.substring(value + 1)));
    }).toList();
  }

  private static String json(Alert alert) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(Alert.getClassSchema(), out);
      new SpecificDatumWriter<>(Alert.class).write(alert, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Alert alert(String json) {
    try {
      return new SpecificDatumReader<>(Alert.class).read(null, DecoderFactory.get().jsonDecoder(Alert.getClassSchema(), json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
