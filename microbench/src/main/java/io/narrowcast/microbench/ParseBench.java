package io.narrowcast.microbench;

import io.narrowcast.ingest.ParseResult;
import io.narrowcast.ingest.SuricataEveParser;
import io.narrowcast.ingest.ZeekJsonParser;
import io.narrowcast.ingest.ZeekTsvParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** One log line to a (not yet normalized) event, per input format: the first step of ingest. */
public class ParseBench extends BenchDefaults {
  // lines in fields, not constants, so the JIT cannot fold any of the work into the benchmark
  private String zeekLine;
  private String zeekJsonLine;
  private String suricataQueryLine;
  private String suricataAnswerLine;
  private ZeekTsvParser zeekTsv;
  private ZeekJsonParser zeekJson;
  private SuricataEveParser suricata;

  @Setup
  public void setup() {
    zeekLine = Samples.ZEEK_LINE;
    zeekJsonLine = Samples.ZEEK_JSON_LINE;
    suricataQueryLine = Samples.SURICATA_QUERY;
    suricataAnswerLine = Samples.SURICATA_ANSWER;
    zeekTsv = Samples.zeekTsvParser();
    zeekJson = new ZeekJsonParser(Samples.SENSOR);
    suricata = new SuricataEveParser(Samples.SENSOR);
  }

  /** A Zeek TSV row with five answers, after the header has been read. */
  @Benchmark
  public ParseResult zeekTsv() {
    return zeekTsv.parse(zeekLine);
  }

  /** The same row as Zeek JSON. */
  @Benchmark
  public ParseResult zeekJson() {
    return zeekJson.parse(zeekJsonLine);
  }

  /** A Suricata EVE query record (DNS logging version 2): one half of the lookup. */
  @Benchmark
  public ParseResult suricataQuery() {
    return suricata.parse(suricataQueryLine);
  }

  /** Its answer record, with the five answers both detailed and grouped. */
  @Benchmark
  public ParseResult suricataAnswer() {
    return suricata.parse(suricataAnswerLine);
  }
}
