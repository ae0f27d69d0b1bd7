package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lookups at exact times: the first lookup of a new name, the moment a name stops resolving. */
final class Scheduled implements DayGenerator {
  private final Map<LocalDate, List<DnsEvent>> byDay = new HashMap<>();

  Scheduled add(DnsEvent event) {
    LocalDate day = LocalDate.ofInstant(event.getEventTime(), ZoneOffset.UTC);
    byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(event);
    return this;
  }

  @Override
  public void generate(LocalDate day, List<DnsEvent> out) {
    out.addAll(byDay.getOrDefault(day, List.of()));
  }

  static LocalDate dayOf(long time) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
  }
}
