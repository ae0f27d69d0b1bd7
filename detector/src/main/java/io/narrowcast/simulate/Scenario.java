package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** A simulated feed: days of generated traffic, in time order, with the alerts it should raise. */
public abstract class Scenario {
  private final LocalDate firstDay;
  private final LocalDate lastDay;

  protected Scenario(LocalDate firstDay, LocalDate lastDay) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
  }

  public abstract String name();

  /** The alerts this scenario must raise; anything else is a false alarm. */
  public abstract List<ExpectedAlert> labels();

  /** Benign traffic that resembles an anomaly, by class: an alert on it is a false alarm of that class. */
  public List<LookAlike> lookAlikes() {
    return List.of();
  }

  /** The strands of traffic, asked for each day in order. */
  abstract List<DayGenerator> generators();

  public LocalDate firstDay() {
    return firstDay;
  }

  public LocalDate lastDay() {
    return lastDay;
  }

  /** Generates every event, day by day, each day sorted by event time. */
  public void generate(Consumer<DnsEvent> sink) {
    List<DayGenerator> generators = generators();
    List<DnsEvent> day = new ArrayList<>();
    for (LocalDate date = firstDay; !date.isAfter(lastDay); date = date.plusDays(1)) {
      day.clear();
      for (DayGenerator generator : generators) {
        generator.generate(date, day);
      }
      day.sort(Comparator.comparing(DnsEvent::getEventTime));
      day.forEach(sink);
    }
  }
}
