package io.narrowcast.microbench;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.ParseResult;
import io.narrowcast.ingest.ZeekTsvParser;
import io.narrowcast.normalize.EventNormalizer;
import java.util.List;

/**
 * Benchmark inputs: one lookup of {@code outlook.office365.com} (two CNAMEs, three addresses) as each
 * sensor logs it. Written for this module in the shape of the captures in shared/data/real (Zeek 3
 * columns, Suricata 7 EVE), not copied from them, since their licences differ.
 */
final class Samples {
  static final String SENSOR = "sensor-1";
  static final String QUERY = "outlook.office365.com";
  static final String SOURCE = "10.1.20.31";

  static final List<String> ZEEK_HEADER = List.of(
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      "#path\tdns",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass"
          + "\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount"
          + "\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool");

  static final String ZEEK_LINE = "1462356000.123456\tCHhAvVGS1DHFjwGM9\t10.1.20.31\t49731\t10.1.20.1\t53\tudp"
      + "\t40612\t0.031044\toutlook.office365.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0"
      + "\toutlook.ha.office365.com,outlook.ms-acdc.office.com,52.97.146.178,52.97.201.226,40.101.12.98"
      + "\t30.000000,30.000000,10.000000,10.000000,10.000000\tF";

  static final String ZEEK_JSON_LINE = "{\"ts\":1462356000.123456,\"uid\":\"CHhAvVGS1DHFjwGM9\","
      + "\"id.orig_h\":\"10.1.20.31\",\"id.orig_p\":49731,\"id.resp_h\":\"10.1.20.1\",\"id.resp_p\":53,"
      + "\"proto\":\"udp\",\"trans_id\":40612,\"rtt\":0.031044,\"query\":\"outlook.office365.com\","
      + "\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\",\"rcode\":0,"
      + "\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,"
      + "\"answers\":[\"outlook.ha.office365.com\",\"outlook.ms-acdc.office.com\",\"52.97.146.178\","
      + "\"52.97.201.226\",\"40.101.12.98\"],\"TTLs\":[30.0,30.0,10.0,10.0,10.0],\"rejected\":false}";

  static final String SURICATA_QUERY = "{\"timestamp\":\"2016-05-04T10:00:00.123456+0000\","
      + "\"flow_id\":1567838537225881,\"pcap_cnt\":3881,\"event_type\":\"dns\",\"src_ip\":\"10.1.20.31\","
      + "\"src_port\":49731,\"dest_ip\":\"10.1.20.1\",\"dest_port\":53,\"proto\":\"UDP\","
      + "\"dns\":{\"type\":\"query\",\"id\":40612,\"rrname\":\"outlook.office365.com\",\"rrtype\":\"A\","
      + "\"tx_id\":0},\"host\":\"sensor-1\"}";

  static final String SURICATA_ANSWER = "{\"timestamp\":\"2016-05-04T10:00:00.154500+0000\","
      + "\"flow_id\":1567838537225881,\"pcap_cnt\":3883,\"event_type\":\"dns\",\"src_ip\":\"10.1.20.31\","
      + "\"src_port\":49731,\"dest_ip\":\"10.1.20.1\",\"dest_port\":53,\"proto\":\"UDP\","
      + "\"dns\":{\"version\":2,\"type\":\"answer\",\"id\":40612,\"flags\":\"8180\",\"qr\":true,\"rd\":true,"
      + "\"ra\":true,\"rrname\":\"outlook.office365.com\",\"rrtype\":\"A\",\"rcode\":\"NOERROR\",\"answers\":["
      + "{\"rrname\":\"outlook.office365.com\",\"rrtype\":\"CNAME\",\"ttl\":30,\"rdata\":\"outlook.ha.office365.com\"},"
      + "{\"rrname\":\"outlook.ha.office365.com\",\"rrtype\":\"CNAME\",\"ttl\":30,\"rdata\":\"outlook.ms-acdc.office.com\"},"
      + "{\"rrname\":\"outlook.ms-acdc.office.com\",\"rrtype\":\"A\",\"ttl\":10,\"rdata\":\"52.97.146.178\"},"
      + "{\"rrname\":\"outlook.ms-acdc.office.com\",\"rrtype\":\"A\",\"ttl\":10,\"rdata\":\"52.97.201.226\"},"
      + "{\"rrname\":\"outlook.ms-acdc.office.com\",\"rrtype\":\"A\",\"ttl\":10,\"rdata\":\"40.101.12.98\"}],"
      + "\"grouped\":{\"CNAME\":[\"outlook.ha.office365.com\",\"outlook.ms-acdc.office.com\"],"
      + "\"A\":[\"52.97.146.178\",\"52.97.201.226\",\"40.101.12.98\"]}},\"host\":\"sensor-1\"}";

  private Samples() {}

  /** A Zeek TSV parser that has read {@link #ZEEK_HEADER}, ready for data lines. */
  static ZeekTsvParser zeekTsvParser() {
    ZeekTsvParser parser = new ZeekTsvParser(SENSOR);
    ZEEK_HEADER.forEach(parser::parse);
    return parser;
  }

  /** The Zeek line as ingest writes it to dns.events: parsed and normalized. */
  static DnsEvent event() {
    try {
      return EventNormalizer.exact().normalize(parsed(zeekTsvParser().parse(ZEEK_LINE)));
    } catch (InvalidRecordException e) {
      throw new IllegalStateException("sample event does not normalize", e);
    }
  }

  /** The event parsed from a sample line; a sample that does not parse is a bug here. */
  static DnsEvent parsed(ParseResult result) {
    if (result instanceof ParseResult.Parsed parsed) {
      return parsed.event();
    }
    if (result instanceof ParseResult.Half half) {
      return half.event();
    }
    throw new IllegalStateException("sample line does not parse: " + result);
  }
}
