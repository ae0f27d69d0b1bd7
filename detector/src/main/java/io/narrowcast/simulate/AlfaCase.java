package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The lookups of CASE.md's published facts, as seen by the authoritative servers of
 * mail1.trump-email.com in 2016: a marketing campaign's varied receivers until about March, a taper,
 * then from 2016-05-04 the bank's two resolvers (2,820 lookups, near-equal) and the hospital's (714)
 * in office hours with spikes and the July gap, NXDOMAIN from 2016-09-23, and from 2016-09-27 the new
 * name trump1.contact-client.com on the same address, first looked up by a bank resolver.
 */
final class AlfaCase implements DayGenerator {
  static final String OLD_NAME = "mail1.trump-email.com";
  static final String NEW_NAME = "trump1.contact-client.com";
  static final String SERVER = "66.216.133.29";
  static final String ALFA_1 = "217.12.96.15";
  static final String ALFA_2 = "217.12.97.15";
  static final String SPECTRUM = "167.73.110.8";
  static final Set<String> CASE_SOURCES = Set.of(ALFA_1, ALFA_2, SPECTRUM);

  static final LocalDate MARKETING_END = LocalDate.of(2016, 3, 10);
  static final LocalDate NARROW_START = LocalDate.of(2016, 5, 4);
  static final LocalDate NXDOMAIN_DAY = LocalDate.of(2016, 9, 23);
  static final LocalDate RENAME_DAY = LocalDate.of(2016, 9, 27);
  private static final int ALFA_LOOKUPS = 2_820;
  private static final int SPECTRUM_LOOKUPS = 714;
  private static final int OTHER_LOOKUPS = 36;
  private static final int OTHER_SOURCES = 6;
  private static final Set<LocalDate> LOG_GAP = Set.of(LocalDate.of(2016, 7, 23), LocalDate.of(2016, 7, 24));
  private static final Set<LocalDate> NEWS_SPIKES = Set.of(
      LocalDate.of(2016, 6, 15), LocalDate.of(2016, 7, 27), LocalDate.of(2016, 8, 31));
  private static final double SPIKE_FACTOR = 3.0;
  private static final double WEEKEND_FACTOR = 0.08;
  private static final double MARKETING_WEEKDAY = 140;
  private static final double MARKETING_WEEKEND = 60;
  private static final double TAPER_START = 60;
  private static final double TAPER_DAYS = 10;
  private static final double TAPER_FLOOR = 1.5;
  /** UTC hours of Moscow office hours (09:00-18:00 MSK) and of Michigan's (08:00-17:00 EDT). */
  private static final int MOSCOW_FROM = 6;
  private static final int MOSCOW_TO = 15;
  private static final int MICHIGAN_FROM = 12;
  private static final int MICHIGAN_TO = 21;
  /** The name stops resolving at noon UTC on NXDOMAIN_DAY. */
  private static final int NXDOMAIN_HOUR = 12;
  private static final double RETRIES_AFTER_BREAK = 3;
  private static final double NEW_NAME_WEEKDAY = 12;
  private static final int FIRST_NEW_LOOKUP_HOUR = 7;

  private final SplittableRandom random;
  private final String[] campaignReceivers;
  private final String[] others;
  private final Map<LocalDate, Integer> alfaPerDay;
  private final Map<LocalDate, Integer> spectrumPerDay;
  private final Map<LocalDate, Integer> othersPerDay;

  AlfaCase(SplittableRandom random, String[] campaignReceivers) {
    this.random = random;
    this.campaignReceivers = campaignReceivers;
    this.others = Addresses.publicIpv4(random, OTHER_SOURCES, CASE_SOURCES);
    List<LocalDate> narrowDays = NARROW_START.datesUntil(NXDOMAIN_DAY.plusDays(1)).toList();
    this.alfaPerDay = allocate(ALFA_LOOKUPS, narrowDays, true);
    this.spectrumPerDay = allocate(SPECTRUM_LOOKUPS, narrowDays, true);
    this.othersPerDay = allocate(OTHER_LOOKUPS, narrowDays, false);
  }

  @Override
  public void generate(LocalDate day, List<DnsEvent> out) {
    if (day.isBefore(NARROW_START)) {
      campaign(day, out);
      return;
    }
    for (int i = 0; i < alfaPerDay.getOrDefault(day, 0); i++) {
      oldName(Randoms.timeBetween(random, day, MOSCOW_FROM, MOSCOW_TO), random.nextBoolean() ? ALFA_1 : ALFA_2, out);
    }
    for (int i = 0; i < spectrumPerDay.getOrDefault(day, 0); i++) {
      oldName(Randoms.timeBetween(random, day, MICHIGAN_FROM, MICHIGAN_TO), SPECTRUM, out);
    }
    for (int i = 0; i < othersPerDay.getOrDefault(day, 0); i++) {
      oldName(Randoms.timeBetween(random, day, 0, 24), others[random.nextInt(others.length)], out);
    }
    if (day.isAfter(NXDOMAIN_DAY) && day.isBefore(RENAME_DAY)) {
      retries(day, out);
    }
    if (!day.isBefore(RENAME_DAY)) {
      newName(day, out);
    }
  }

  /** Until March, receivers of the marketing mail; then fewer and fewer until May. */
  private void campaign(LocalDate day, List<DnsEvent> out) {
    double mean;
    if (!day.isAfter(MARKETING_END)) {
      mean = Randoms.isWeekend(day) ? MARKETING_WEEKEND : MARKETING_WEEKDAY;
    } else {
      mean = TAPER_START * Math.exp(-ChronoUnit.DAYS.between(MARKETING_END, day) / TAPER_DAYS) + TAPER_FLOOR;
    }
    int count = Randoms.poisson(random, mean);
    for (int i = 0; i < count; i++) {
      String receiver = campaignReceivers[random.nextInt(campaignReceivers.length)];
      oldName(Randoms.timeBetween(random, day, 0, 24), receiver, out);
    }
  }

  private void oldName(long time, String source, List<DnsEvent> out) {
    long breakAt = Randoms.dayStart(NXDOMAIN_DAY) + NXDOMAIN_HOUR * Randoms.HOUR_MS;
    int port = Randoms.ephemeralPort(random);
    out.add(time < breakAt
        ? Lookup.answered(time, source, port, OLD_NAME, SERVER)
        : Lookup.nxdomain(time, source, port, OLD_NAME));
  }

  /** After the break, the bank's resolvers still retry the dead name now and then. */
  private void retries(LocalDate day, List<DnsEvent> out) {
    int count = Randoms.poisson(random, RETRIES_AFTER_BREAK);
    for (int i = 0; i < count; i++) {
      oldName(Randoms.timeBetween(random, day, MOSCOW_FROM, MOSCOW_TO), random.nextBoolean() ? ALFA_1 : ALFA_2, out);
    }
  }

  private void newName(LocalDate day, List<DnsEvent> out) {
    long earliest = Randoms.dayStart(day);
    if (day.equals(RENAME_DAY)) {
      earliest += FIRST_NEW_LOOKUP_HOUR * Randoms.HOUR_MS;
      out.add(Lookup.answered(earliest, ALFA_1, Randoms.ephemeralPort(random), NEW_NAME, SERVER));
    }
    int count = Randoms.isWeekend(day) ? 1 : Randoms.poisson(random, NEW_NAME_WEEKDAY);
    long latest = Randoms.dayStart(day) + MOSCOW_TO * Randoms.HOUR_MS;
    for (int i = 0; i < count; i++) {
      long time = earliest + 1 + random.nextLong(latest - earliest);
      out.add(Lookup.answered(time, random.nextBoolean() ? ALFA_1 : ALFA_2, Randoms.ephemeralPort(random), NEW_NAME, SERVER));
    }
  }

  /** Spreads {@code total} lookups over {@code days}: office days, news spikes, quiet weekends, the gap. */
  private Map<LocalDate, Integer> allocate(int total, List<LocalDate> days, boolean officeHours) {
    double[] weights = new double[days.size()];
    for (int i = 0; i < weights.length; i++) {
      LocalDate day = days.get(i);
      double weight = officeHours && Randoms.isWeekend(day) ? WEEKEND_FACTOR : 1.0;
      weight *= NEWS_SPIKES.contains(day) ? SPIKE_FACTOR : 1.0;
      weights[i] = LOG_GAP.contains(day) ? 0.0 : weight;
    }
    Weighted sampler = new Weighted(weights);
    Map<LocalDate, Integer> perDay = new HashMap<>();
    for (int i = 0; i < total; i++) {
      perDay.merge(days.get(sampler.sample(random)), 1, Integer::sum);
    }
    return perDay;
  }
}
