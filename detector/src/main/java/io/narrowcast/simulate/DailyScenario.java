package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** A simulated scenario: strands of traffic generated day by day. */
abstract class DailyScenario extends Scenario {
  DailyScenario(LocalDate firstDay, LocalDate lastDay) {
    super(firstDay, lastDay);
  }

  /** The strands of traffic, asked for each day in order. */
  abstract List<DayGenerator> generators();

  /** Generates every event, day by day, each day sorted by event time. */
  @Override
  public void generate(Consumer<DnsEvent> sink) {
    List<DayGenerator> generators = generators();
    List<DnsEvent> day = new ArrayList<>();
    for (LocalDate date = firstDay(); !date.isAfter(lastDay()); date = date.plusDays(1)) {
      day.clear();
      for (DayGenerator generator : generators) {
        generator.generate(date, day);
      }
      day.sort(Comparator.comparing(DnsEvent::getEventTime));
      day.forEach(sink);
    }
  }
}
