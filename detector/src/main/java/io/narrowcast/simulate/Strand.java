package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * One name looked up on the days [from, to): a Poisson number of lookups a day (the mean may change
 * with the day's index), each by a source from {@code askers}, at a uniform time between two UTC
 * hours, answered with {@code address} or NXDOMAIN when it is null. The unit the labelled scenarios
 * are built from.
 */
final class Strand implements DayGenerator {
  /** Picks who makes a lookup. */
  interface Askers {
    String pick(SplittableRandom random);

    /** Uniformly from a fixed list. */
    static Askers of(List<String> sources) {
      List<String> copy = List.copyOf(sources);
      return random -> copy.get(random.nextInt(copy.size()));
    }

    /** Uniformly from {@code size} distinct sources drawn from {@code pool}. */
    static Askers audience(SplittableRandom random, String[] pool, int size) {
      return of(Addresses.sample(random, pool, size));
    }
  }

  private final SplittableRandom random;
  private final String name;
  private final LocalDate from;
  private final LocalDate to;
  private final DoubleUnaryOperator dailyMean;
  private final Askers askers;
  private final String address;
  private final int fromHour;
  private final int toHour;

  Strand(SplittableRandom random, String name, LocalDate from, LocalDate to, DoubleUnaryOperator dailyMean,
      Askers askers, String address, int fromHour, int toHour) {
    this.random = random;
    this.name = name;
    this.from = from;
    this.to = to;
    this.dailyMean = dailyMean;
    this.askers = askers;
    this.address = address;
    this.fromHour = fromHour;
    this.toHour = toHour;
  }

  /** All day long at a constant mean. */
  static Strand steady(SplittableRandom random, String name, LocalDate from, LocalDate to, double mean,
      Askers askers, String address) {
    return new Strand(random, name, from, to, day -> mean, askers, address, 0, 24);
  }

  @Override
  public void generate(LocalDate day, List<DnsEvent> out) {
    if (day.isBefore(from) || !day.isBefore(to)) {
      return;
    }
    int count = Randoms.poisson(random, dailyMean.applyAsDouble(ChronoUnit.DAYS.between(from, day)));
    for (int i = 0; i < count; i++) {
      out.add(lookup(Randoms.timeBetween(random, day, fromHour, toHour), askers.pick(random)));
    }
  }

  DnsEvent lookup(long time, String source) {
    int port = Randoms.ephemeralPort(random);
    return address == null ? Lookup.nxdomain(time, source, port, name) : Lookup.answered(time, source, port, name, address);
  }

  String name() {
    return name;
  }
}
