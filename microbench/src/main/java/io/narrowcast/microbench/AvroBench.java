package io.narrowcast.microbench;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * A DnsEvent through the dns.events value serde (Avro single-object encoding): encoded once by
 * ingest, decoded by the detector for every record.
 */
public class AvroBench extends BenchDefaults {
  private static final String TOPIC = Topics.EVENTS.name();

  private DnsEvent event;
  private byte[] bytes;
  private Serializer<DnsEvent> serializer;
  private Deserializer<DnsEvent> deserializer;

  @Setup
  public void setup() {
    event = Samples.event();
    serializer = Topics.EVENTS.valueSerde().serializer();
    deserializer = Topics.EVENTS.valueSerde().deserializer();
    bytes = serializer.serialize(TOPIC, event);
  }

  /** The normalized Zeek sample event (five answers) to bytes. */
  @Benchmark
  public byte[] encode() {
    return serializer.serialize(TOPIC, event);
  }

  /** Those bytes back to an event, resolving the writer schema by its fingerprint. */
  @Benchmark
  public DnsEvent decode() {
    return deserializer.deserialize(TOPIC, bytes);
  }
}
