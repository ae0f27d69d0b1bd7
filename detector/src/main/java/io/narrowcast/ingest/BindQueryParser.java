package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * BIND query log lines ({@code querylog yes}):
 * {@code client @0x7f.. 192.0.2.1#53535 (example.com): [view V: ]query: example.com IN A +E(0)K (198.51.100.1)},
 * bare or behind a prefix that carries the time: BIND's own {@code print-time} forms ({@code local}:
 * {@code 27-Nov-2026 10:15:01.123}, or {@code 7-Nov-2026 ...} without the day's leading zero;
 * {@code iso8601}: {@code 2026-11-27T10:15:01.123}; {@code iso8601-utc}: the same with Z; an offset), or
 * syslog ({@code Nov 27 10:15:01 host named[1]:}), optionally followed by {@code queries: info:}. Times
 * without a zone are taken as UTC (configure {@code print-time iso8601-utc} to be exact); syslog's
 * missing year is the clock's, or the year before when that would put the line in the future. A line
 * without any time gets the time it is read. Names are decoded from BIND's escapes
 * ({@link PresentationNames}). The log has no response: events carry no rcode and no answers. Lines
 * with a time that are not queries (other categories in the same channel) are skipped; lines without
 * are unparsable.
 */
public final class BindQueryParser implements RecordParser {
  /** After the port: the TSIG key of a signed query, and the name field, escaped as the query's name is (\( and \)). */
  private static final Pattern QUERY = Pattern.compile("client (?:@0x[0-9a-fA-F]+ )?(\\S+)#(\\d+)(?:/key \\S+)?"
      + "(?: \\((?:[^()\\\\]|\\\\.)*\\))?: (?:view \\S+: )?query: (\\S+) (\\S+) (\\S+) (\\S*)(?: \\(([^)]*)\\))?.*");
  private static final Pattern BIND_TIME = Pattern.compile("(\\d{1,2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ");
  private static final Pattern ISO_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\S+) ");
  private static final Pattern SYSLOG_TIME = Pattern.compile("([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) ");
  private static final DateTimeFormatter BIND_FORMAT = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("d-MMM-uuuu HH:mm:ss") // the day with its leading zero or without: both are seen in real logs
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter(Locale.ENGLISH) // month names are English whatever the locale
      .withResolverStyle(ResolverStyle.STRICT);
  private static final String SYSLOG_PATTERN = "MMM ppd HH:mm:ss";
  /** A syslog time this far ahead of the clock is from last year (the log spans New Year). */
  private static final Duration SYSLOG_YEAR_SLACK = Duration.ofDays(1);
  private static final String CLIENT = "client ";
  private static final String INTERNET = "IN";

  private final String sensor;
  private final Clock clock;

  public BindQueryParser(String sensor) {
    this(sensor, Clock.systemUTC());
  }

  BindQueryParser(String sensor, Clock clock) {
    this.sensor = sensor;
    this.clock = clock;
  }

  @Override
  public ParseResult parse(String line) {
    if (line.isBlank()) {
      return ParseResult.META;
    }
    try {
      return parseLine(line);
    } catch (InvalidRecordException e) {
      return ParseResult.rejected(e);
    }
  }

  private ParseResult parseLine(String line) throws InvalidRecordException {
    int client = line.indexOf(CLIENT);
    String prefix = client < 0 ? line : line.substring(0, client);
    Instant time = prefixTime(prefix);
    if (client < 0 || line.indexOf(" query: ", client) < 0) {
      if (time == null) {
        throw new InvalidRecordException(RejectReason.UNPARSABLE, "not a BIND log line");
      }
      return new ParseResult.Skipped("not a query");
    }
    if (time == null && !prefix.isBlank()) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "no time in the prefix \"" + prefix.strip() + "\"");
    }
    Matcher query = QUERY.matcher(line.substring(client));
    if (!query.matches()) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "not a BIND query line");
    }
    if (!INTERNET.equals(query.group(4))) {
      return new ParseResult.Skipped("class " + query.group(4));
    }
    String flags = query.group(6);
    return new ParseResult.Parsed(DnsEvent.newBuilder()
        .setEventTime(time != null ? time : clock.instant())
        .setSensor(sensor)
        .setSourceIp(query.group(1))
        .setSourcePort(Numbers.port(query.group(2)))
        .setQuery(PresentationNames.decode(query.group(3)))
        .setQtype(Math.max(0, Type.value(query.group(5))))
        .setRcode(null)
        .setAnswers(List.of())
        .setTransport(flags.indexOf('T') >= 0 ? "tcp" : "udp") // BIND's T flag: the query came over TCP
        .build());
  }

  /** The time the prefix starts with, or null when it starts with none of the known forms. */
  private Instant prefixTime(String prefix) throws InvalidRecordException {
    try {
      Matcher bind = BIND_TIME.matcher(prefix);
      if (bind.lookingAt()) {
        return LocalDateTime.parse(bind.group(1), BIND_FORMAT).toInstant(ZoneOffset.UTC);
      }
      Matcher iso = ISO_TIME.matcher(prefix);
      if (iso.lookingAt()) {
        return Times.isoWithOrWithoutOffset(iso.group(1)); // print-time iso8601 writes local time without a zone
      }
      Matcher syslog = SYSLOG_TIME.matcher(prefix);
      if (syslog.lookingAt()) {
        return syslogTime(syslog.group(1));
      }
      return null;
    } catch (DateTimeException e) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "bad time in \"" + prefix.strip() + "\": " + e.getMessage());
    }
  }

  private Instant syslogTime(String text) {
    Instant now = clock.instant();
    int year = now.atZone(ZoneOffset.UTC).getYear();
    LocalDateTime local = LocalDateTime.parse(text, new DateTimeFormatterBuilder().appendPattern(SYSLOG_PATTERN)
        .parseDefaulting(ChronoField.YEAR, year).toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT));
    Instant time = local.toInstant(ZoneOffset.UTC);
    return time.isAfter(now.plus(SYSLOG_YEAR_SLACK)) ? local.minusYears(1).toInstant(ZoneOffset.UTC) : time;
  }
}
