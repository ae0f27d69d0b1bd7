package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.normalize.EventNormalizer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every input record ends, whatever its format or transport: normalized events to the sink,
 * refusals to the dead letters with their reason, and each record counted exactly once in the
 * {@link IngestSummary}. The two halves of a transaction are joined first ({@link Transactions}).
 * Thread-safe: listener connections share one router.
 */
public final class RecordRouter {
  /** Why a response record is skipped: its query is the event and now carries the answers. */
  public static final String JOINED = "response joined to its query";
  private static final Logger LOG = LoggerFactory.getLogger(RecordRouter.class);
  private static final byte[] NOTHING = new byte[0];

  private final EventSink sink;
  private final IngestSummary summary;
  private final EventNormalizer normalizer;
  private final Transactions transactions = new Transactions();

  public RecordRouter(EventSink sink, IngestSummary summary, EventNormalizer normalizer) {
    this.sink = sink;
    this.summary = summary;
    this.normalizer = normalizer;
  }

  /**
   * Parses one record and routes what the parser made of it.
   *
   * @param parse the parser at work on the record; should it throw (a bug: parsers return bad input
   *     as {@link ParseResult.Rejected}), only this record is refused, as unparsable
   * @param raw the record's original bytes, asked for only when it is refused
   * @param origin where the record came from (file:line, socket#frame), for the dead letter
   */
  public void route(Supplier<ParseResult> parse, Supplier<byte[]> raw, String origin) {
    ParseResult result;
    try {
      result = parse.get();
    } catch (RuntimeException e) { // a bug one record's content ran into: logged for whoever fixes it
      LOG.warn("{}: refused as unparsable, the parser failed: {}", origin, e.toString());
      LOG.debug("parsing {} failed", origin, e);
      result = new ParseResult.Rejected(RejectReason.UNPARSABLE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
    routeResult(result, raw, origin);
  }

  private synchronized void routeResult(ParseResult result, Supplier<byte[]> raw, String origin) {
    if (result instanceof ParseResult.Parsed parsed) {
      if (normalized(parsed.event(), raw, origin)) {
        accept(parsed.event());
      }
    } else if (result instanceof ParseResult.Half half) {
      if (normalized(half.event(), raw, origin)) {
        join(half);
      }
    } else if (result instanceof ParseResult.Rejected rejected) {
      reject(raw, rejected.reason(), rejected.detail(), origin);
    } else if (result instanceof ParseResult.Skipped skipped) {
      summary.countSkipped(skipped.why());
    }
  }

  /** Parses and routes one line of a line format; a line over {@link LineReader#MAX_LINE_CHARS} is refused unparsed. */
  public void routeLine(RecordParser parser, LineReader.Line line, String origin) {
    Supplier<byte[]> raw = line::raw;
    if (line.tooLong()) {
      reject(raw, RejectReason.RECORD_TOO_LARGE,
          "line of " + line.size() + ", at most " + LineReader.MAX_LINE_CHARS + " characters", origin);
    } else {
      route(() -> parser.parse(line.text()), raw, origin);
    }
  }

  /**
   * Refuses the rest of an input that broke off (a gzip stream cut short, a frame stream broken): one
   * dead letter without bytes, since what was lost cannot be had, and the input named in the summary.
   *
   * @param input names the input in the summary: the file, or where in a stream it broke
   */
  public synchronized void cutShort(String input, String detail, String origin) {
    reject(() -> NOTHING, RejectReason.UNPARSABLE, detail, origin);
    summary.countCutShort(input + ": " + detail);
  }

  /** Refuses a record, also one that never reached a parser (too large). */
  public synchronized void reject(Supplier<byte[]> raw, RejectReason reason, String detail, String origin) {
    summary.countRejected(reason);
    sink.deadLetter(raw.get(), reason, detail, origin);
  }

  /**
   * Releases queries that have waited too long for their response, then waits for the sink: for
   * live inputs, now and then. Queries read moments ago keep waiting, so a pair is not split.
   */
  public synchronized void flush() {
    transactions.releaseStale().forEach(this::accept);
    sink.flush();
  }

  /** Releases every query still waiting as an unanswered lookup, then waits for the sink: at the end of an input. */
  public synchronized void finish() {
    transactions.releaseAll().forEach(this::accept);
    sink.flush();
  }

  private void join(ParseResult.Half half) {
    if (!half.response()) {
      transactions.query(half.transaction(), half.event()).forEach(this::accept);
      return;
    }
    DnsEvent joined = transactions.response(half.transaction(), half.event());
    if (joined == null) {
      accept(half.event());
    } else {
      accept(joined);
      summary.countSkipped(JOINED);
    }
  }

  private boolean normalized(DnsEvent event, Supplier<byte[]> raw, String origin) {
    try {
      normalizer.normalize(event);
      return true;
    } catch (InvalidRecordException e) {
      reject(raw, e.reason(), e.getMessage(), origin);
      return false;
    }
  }

  private void accept(DnsEvent event) {
    summary.countAccepted(event.getEventTime().toEpochMilli());
    sink.event(normalizer.domainKey(event), event);
  }
}
