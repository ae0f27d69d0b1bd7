package io.narrowcast.cli;

import io.narrowcast.ingest.RejectReason;
import io.narrowcast.runtime.TopicReader;
import io.narrowcast.topics.DeadLetter;
import io.narrowcast.topics.DeadLetterTable;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** narrowcast dlq: the refused records of any cluster, for a person to see what was refused and why. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = {
        "Show the dead letters on dns.events.dlq (committed messages only) in the order written, as a table or as JSON lines.",
        "TIME is the record's timestamp: when ingest refused it (the detector's dead letters keep the event's time).",
        "Bytes that are not printable UTF-8 are shown as \\xNN, a backslash as \\\\."})
final class DlqCommand implements Callable<Integer> {
  @Mixin
  KafkaOptions kafka;

  @Option(names = "--json", description = "One dead letter a line, whole: time, reason, detail, origin, "
      + "the original bytes as escaped text (value) and exactly (value_base64).")
  boolean json;

  @Option(names = "--follow", description = "Keep showing dead letters as they come, until Ctrl-C.")
  boolean follow;

  @Option(names = "--since", converter = AlertsCommand.SinceConverter.class, paramLabel = "TIME|DURATION",
      description = "Only dead letters from this date, ISO-8601 instant, or this long ago (7d, 12h) on.")
  Instant since;

  @Option(names = "--reason", converter = ReasonConverter.class, paramLabel = "REASON",
      description = "Only dead letters of this reason: unparsable, missing-field, bad-address, name-too-long, "
          + "label-too-long, bad-characters, time-out-of-range or record-too-large.")
  RejectReason reason;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    TopicReader<DeadLetter> reader = TopicReader.deadLetters(kafka.clientConfig());
    if (!json) {
      out.println(DeadLetterTable.header());
    }
    TopicView.show(reader, follow, message -> {
      DeadLetter letter = message.value();
      if ((reason == null || reason.label().equals(letter.reason())) && TopicView.since(since, message)) {
        out.println(json ? letter.json() : DeadLetterTable.row(letter));
        out.flush();
      }
    });
    return 0;
  }

  /** A reason as the summary and the header write it ("missing field"), with - or _ for the spaces, in any case. */
  static final class ReasonConverter implements ITypeConverter<RejectReason> {
    @Override
    public RejectReason convert(String value) {
      String label = value.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
      return Arrays.stream(RejectReason.values()).filter(r -> r.label().equals(label)).findFirst()
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a reason: use one of "
              + Arrays.stream(RejectReason.values()).map(r -> r.label().replace(' ', '-')).collect(Collectors.joining(", "))));
    }
  }
}
