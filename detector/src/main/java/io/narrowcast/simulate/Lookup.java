package io.narrowcast.simulate;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.util.List;

/** Builds the simulated events: UDP lookups of type A seen by one sensor. */
final class Lookup {
  static final String SENSOR = "sim-ns1";
  static final int NOERROR = 0;
  static final int NXDOMAIN = 3;
  private static final int TYPE_A = 1;
  private static final long TTL = 300;

  private Lookup() {}

  static DnsEvent answered(long time, String source, int port, String name, String address) {
    return DnsEvent.newBuilder()
        .setEventTime(Instant.ofEpochMilli(time)).setSensor(SENSOR)
        .setSourceIp(source).setSourcePort(port).setQuery(name).setQtype(TYPE_A).setRcode(NOERROR)
        .setAnswers(List.of(new Answer("A", TTL, address))).setTransport("udp")
        .build();
  }

  static DnsEvent nxdomain(long time, String source, int port, String name) {
    return DnsEvent.newBuilder()
        .setEventTime(Instant.ofEpochMilli(time)).setSensor(SENSOR)
        .setSourceIp(source).setSourcePort(port).setQuery(name).setQtype(TYPE_A).setRcode(NXDOMAIN)
        .setAnswers(List.of()).setTransport("udp")
        .build();
  }
}
