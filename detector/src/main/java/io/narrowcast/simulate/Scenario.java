package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** A labelled feed: traffic in time order over some days, with the alerts it should raise. */
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

  public LocalDate firstDay() {
    return firstDay;
  }

  public LocalDate lastDay() {
    return lastDay;
  }

  /** Gives every event to {@code sink}, in the order a log would hold them. */
  public abstract void generate(Consumer<DnsEvent> sink) throws IOException;
}
