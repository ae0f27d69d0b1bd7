package io.narrowcast.simulate;

import io.narrowcast.avro.DnsEvent;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Ordinary traffic: names with Zipf popularity, each looked up by its own audience of resolvers
 * (popular names by nearly all, rare names by a few), resolvers with Zipf activity, a diurnal
 * curve, quieter weekends, daily churn (names retire, new names appear), CDN names whose address
 * rotates, and a trickle of one-off NXDOMAIN lookups.
 */
final class Background implements DayGenerator {
  /** Audience size per expected daily lookup: a name looked up 10 times a day has ~400 possible queriers. */
  private static final double AUDIENCE_PER_DAILY_LOOKUP = 40;
  private static final int MIN_AUDIENCE = 2;
  private static final double NAME_POPULARITY_EXPONENT = 1.0;
  private static final double RESOLVER_ACTIVITY_EXPONENT = 0.7;
  private static final double WEEKEND_FACTOR = 0.6;
  private static final double CHURN_PER_DAY = 0.003;
  private static final double CDN_SHARE = 0.1;
  private static final double JUNK_NXDOMAIN_SHARE = 0.02;
  /** Relative lookup volume per UTC hour. */
  private static final double[] HOURLY = {
      3, 2, 2, 2, 2, 3, 4, 6, 8, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 7, 6, 5, 4, 3};
  private static final String[] PREFIXES = {"www", "api", "cdn", "mail", "img", "static", "login", "m", "app", "ns"};
  private static final String[] SYLLABLES = {
      "ka", "lo", "mi", "net", "tro", "zen", "via", "cor", "pix", "dat", "sol", "ver", "bit", "nova", "flux",
      "lum", "tek", "ra", "shop", "news", "cloud", "go", "my", "fast", "data", "info", "hub", "link", "soft", "media"};
  private static final String[] TLDS = {"com", "net", "org", "io", "de", "ru", "co.uk", "info", "biz", "fr"};

  private final SplittableRandom random;
  private final int eventsPerDay;
  private final String[] resolvers;
  private final Weighted activity;
  private final Weighted popularity;
  private final Weighted hours;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> reservedNames;
  private final String[] names;
  private final String[] addresses;
  private final boolean[] cdn;
  private final int[][] audiences;
  private final Weighted[] audienceWeights;

  Background(SplittableRandom random, int nameCount, String[] resolvers, int eventsPerDay, Set<String> reservedNames) {
    this.random = random;
    this.eventsPerDay = eventsPerDay;
    this.resolvers = resolvers;
    this.reservedNames = reservedNames;
    this.activity = Weighted.zipf(resolvers.length, RESOLVER_ACTIVITY_EXPONENT);
    this.popularity = Weighted.zipf(nameCount, NAME_POPULARITY_EXPONENT);
    this.hours = new Weighted(HOURLY);
    this.names = new String[nameCount];
    this.addresses = new String[nameCount];
    this.cdn = new boolean[nameCount];
    this.audiences = new int[nameCount][];
    this.audienceWeights = new Weighted[nameCount];
    for (int slot = 0; slot < nameCount; slot++) {
      replace(slot);
    }
  }

  @Override
  public void generate(LocalDate day, List<DnsEvent> out) {
    int churn = Randoms.poisson(random, names.length * CHURN_PER_DAY);
    for (int i = 0; i < churn; i++) {
      replace(random.nextInt(names.length));
    }
    double factor = Randoms.isWeekend(day) ? WEEKEND_FACTOR : 1.0;
    int count = Randoms.poisson(random, eventsPerDay * factor);
    long dayStart = Randoms.dayStart(day);
    for (int i = 0; i < count; i++) {
      long time = dayStart + hours.sample(random) * Randoms.HOUR_MS + random.nextLong(Randoms.HOUR_MS);
      int port = Randoms.ephemeralPort(random);
      if (random.nextDouble() < JUNK_NXDOMAIN_SHARE) {
        out.add(Lookup.nxdomain(time, resolvers[activity.sample(random)], port, junkName()));
        continue;
      }
      int slot = popularity.sample(random);
      String address = cdn[slot] ? rotated(slot, day) : addresses[slot];
      out.add(Lookup.answered(time, querier(slot), port, names[slot], address));
    }
  }

  /** Retires the name in {@code slot}, if any, and puts a new name with a new audience there. */
  private void replace(int slot) {
    names[slot] = newName();
    addresses[slot] = Addresses.publicIpv4(random, 1, Set.of())[0];
    cdn[slot] = random.nextDouble() < CDN_SHARE;
    double perDay = eventsPerDay * popularity.probability(slot);
    int size = (int) Math.max(MIN_AUDIENCE, Math.min(resolvers.length, Math.ceil(AUDIENCE_PER_DAILY_LOOKUP * perDay)));
    if (size == resolvers.length) {
      audiences[slot] = null; // everyone: sample by global activity
      audienceWeights[slot] = null;
      return;
    }
    int[] members = Addresses.sampleIndexes(random, resolvers.length, size);
    double[] weights = new double[size];
    for (int i = 0; i < size; i++) {
      weights[i] = activity.probability(members[i]);
    }
    audiences[slot] = members;
    audienceWeights[slot] = new Weighted(weights);
  }

  private String querier(int slot) {
    int[] members = audiences[slot];
    if (members == null) {
      return resolvers[activity.sample(random)];
    }
    return resolvers[members[audienceWeights[slot].sample(random)]];
  }

  /** CDN names answer with one of a few addresses of their /24, changing daily. */
  private String rotated(int slot, LocalDate day) {
    String base = addresses[slot].substring(0, addresses[slot].lastIndexOf('.') + 1);
    return base + (1 + Math.floorMod(day.toEpochDay() * 31 + slot, 8));
  }

  private String newName() {
    while (true) {
      StringBuilder name = new StringBuilder();
      if (random.nextInt(3) > 0) {
        name.append(PREFIXES[random.nextInt(PREFIXES.length)]).append('.');
      }
      name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]).append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      if (random.nextBoolean()) {
        name.append(random.nextInt(1000));
      }
      name.append('.').append(TLDS[random.nextInt(TLDS.length)]);
      String candidate = name.toString();
      if (!reservedNames.contains(candidate) && usedNames.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A mistyped or random name that does not exist, looked up once. */
  private String junkName() {
    StringBuilder label = new StringBuilder();
    int length = 6 + random.nextInt(8);
    for (int i = 0; i < length; i++) {
      label.append((char) ('a' + random.nextInt(26)));
    }
    return label + "." + TLDS[random.nextInt(TLDS.length)];
  }
}
