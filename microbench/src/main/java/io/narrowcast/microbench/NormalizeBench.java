package io.narrowcast.microbench;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.DomainNames;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.Sources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** Names and addresses as sensors write them to their canonical form, alone and as one event. */
public class NormalizeBench extends BenchDefaults {
  private String mixedCaseName;
  private String unicodeName;
  private String ipv4;
  private String ipv6;
  private EventNormalizer normalizer;
  private DnsEvent event;

  @Setup
  public void setup() {
    mixedCaseName = "Outlook.Office365.COM.";
    unicodeName = "Bücher.Example.";
    ipv4 = Samples.SOURCE;
    ipv6 = "2001:0DB8:0000:0000:0000:FF00:0042:8329";
    normalizer = EventNormalizer.exact();
    event = Samples.event();
  }

  /** An ASCII name with upper case and the trailing dot: the common case. */
  @Benchmark
  public String asciiName() throws InvalidRecordException {
    return DomainNames.normalize(mixedCaseName);
  }

  /** A Unicode name, converted to its IDNA A-label. */
  @Benchmark
  public String unicodeName() throws InvalidRecordException {
    return DomainNames.normalize(unicodeName);
  }

  /** A canonical dotted quad: the fast path that skips parsing. */
  @Benchmark
  public String ipv4Address() throws InvalidRecordException {
    return Sources.canonical(ipv4, Sources.Granularity.ADDRESS);
  }

  /** An uncompressed upper-case IPv6 address, parsed and printed compressed. */
  @Benchmark
  public String ipv6Address() throws InvalidRecordException {
    return Sources.canonical(ipv6, Sources.Granularity.ADDRESS);
  }

  /** An IPv4 address reduced to its /24 (the prefix granularity option). */
  @Benchmark
  public String ipv4Prefix() throws InvalidRecordException {
    return Sources.canonical(ipv4, Sources.Granularity.PREFIX);
  }

  /**
   * A whole event through the normalizer ingest uses. It normalizes in place, so the raw name and
   * address are put back first; otherwise every call after the first would see normalized input.
   */
  @Benchmark
  public DnsEvent event() throws InvalidRecordException {
    event.setQuery(mixedCaseName);
    event.setSourceIp(ipv4);
    return normalizer.normalize(event);
  }
}
