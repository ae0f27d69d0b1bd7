package io.narrowcast.topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dead letters as rows of a table, one line each, for {@code narrowcast dlq}: every text escaped
 * ({@link PrintableBytes}), the detail and the record cut to fit (dlq --json has them whole).
 */
public final class DeadLetterTable {
  private static final String FORMAT = "%-19s  %-17s  %-32s  %-40s  %s";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int DETAIL_CHARS = 40;
  private static final int RECORD_CHARS = 100;
  private static final String CUT = "...";
  /** Shown for a header the message lacks. */
  private static final String NONE = "-";

  private DeadLetterTable() {}

  public static String header() {
    return String.format(Locale.ROOT, FORMAT, "TIME (UTC)", "REASON", "ORIGIN", "DETAIL", "RECORD").stripTrailing();
  }

  public static String row(DeadLetter letter) {
    String record = PrintableBytes.escape(letter.value(), RECORD_CHARS,
        String.format(Locale.ROOT, "%s (%,d bytes)", CUT, letter.value().length));
    return String.format(Locale.ROOT, FORMAT, TIME.format(Instant.ofEpochMilli(letter.time())), text(letter.reason()),
        text(letter.origin()), PrintableBytes.escape(bytes(letter.detail()), DETAIL_CHARS - CUT.length(), CUT), record)
        .stripTrailing();
  }

  private static String text(String header) {
    return PrintableBytes.escape(bytes(header));
  }

  private static byte[] bytes(String header) {
    return (header == null ? NONE : header).getBytes(StandardCharsets.UTF_8);
  }
}
