package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.util.List;

/** One strand of simulated traffic, asked for its events day after day, in order. */
interface DayGenerator {
  /** Adds the events of {@code day} (in any order) to {@code out}. */
  void generate(LocalDate day, List<DnsEvent> out);
}
