package io.narrowcast.simulate;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.DnsEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Scenario "injected": seven months of background traffic with 12 querier-set collapses and 10
 * renames of different sizes, rates and lags injected, and benign look-alikes that must not alert:
 * CDN name rotation, a popular name replaced by another, hosts walking random NXDOMAIN names, traffic
 * declining evenly, a newly popular name, a name queried by one host forever, a weekly job, a name
 * whose resolver fails now and then followed by a new name on the same hosts, names of many hosts
 * looked up by a different two to five of them each day, a small office whose few hosts look up
 * every name, new ones daily. The
 * labels say which alerts must fire; everything else is a false alarm.
 */
public final class InjectedScenario extends DailyScenario {
  public static final String NAME = "injected";
  static final int COLLAPSES = 12;
  static final int RENAMES = 10;
  private static final int NARROW_DAYS = 30;
  private static final int[] AUDIENCES = {15, 40, 120, 400};
  private static final double[] BROAD_MEANS = {25, 60, 150, 300};
  private static final double[] NARROW_MEANS = {14, 20, 40, 80};
  private static final Duration[] LAGS = {
      Duration.ofHours(3), Duration.ofHours(9), Duration.ofHours(20), Duration.ofHours(26), Duration.ofDays(2),
      Duration.ofDays(3), Duration.ofDays(4).plusHours(6), Duration.ofDays(5), Duration.ofDays(6),
      Duration.ofDays(6).plusHours(20)};
  private static final String[] BRANDS = {
      "acme", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne", "tyrell", "cyberdyne",
      "soylent", "oscorp", "wonka", "massive", "aperture", "gringotts"};
  /** Rename old names go dark at these UTC hours: by NXDOMAIN at 10:00, by silence after a lookup at 16:00. */
  private static final int NXDOMAIN_HOUR = 10;
  private static final int LAST_LOOKUP_HOUR = 16;

  private final long seed;
  private final BackgroundOptions background;
  private final List<ExpectedAlert> labels = new ArrayList<>();

  public InjectedScenario(long seed, BackgroundOptions background) {
    super(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 7, 31));
    this.seed = seed;
    this.background = background;
    for (int i = 0; i < COLLAPSES; i++) {
      LocalDate narrow = collapseStart(i).plusDays(broadDays(i));
      labels.add(new ExpectedAlert(AlertKind.QUERIER_COLLAPSE, collapseName(i), null, narrow, narrow.plusDays(NARROW_DAYS)));
    }
    for (int j = 0; j < RENAMES; j++) {
      LocalDate first = Scheduled.dayOf(renameDarkAt(j) + LAGS[j].toMillis());
      labels.add(new ExpectedAlert(AlertKind.RENAME_FOLLOW, renameNewName(j), renameOldName(j), first, first));
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ExpectedAlert> labels() {
    return List.copyOf(labels);
  }

  @Override
  public List<LookAlike> lookAlikes() {
    return List.of(
        new LookAlike("cdn-rotation", "e\\d+\\.rot\\d\\.cdnedge\\.net"),
        new LookAlike("popular-name-replaced", "www\\.megastore\\d(-shop)?\\.com"),
        new LookAlike("dga-walker", "[a-z]{16}\\.(biz|info)"),
        new LookAlike("even-decline", "legacy\\d\\.old-portal\\.com"),
        new LookAlike("newly-popular", "app\\d\\.trending-now\\.io"),
        new LookAlike("one-host-forever", "telemetry\\d\\.devicecloud\\.com"),
        new LookAlike("weekly-job", "backup\\.corp-weekly\\.com"),
        new LookAlike("flapping-name", "(portal|svc\\d)\\.flaky-dns\\.net"),
        new LookAlike("rotating-few", "sync\\d\\.thin-sample\\.org"),
        new LookAlike("small-network", "w\\d+\\.[a-z]+\\.site"));
  }

  @Override
  List<DayGenerator> generators() {
    SplittableRandom random = new SplittableRandom(seed);
    String[] resolvers = Addresses.publicIpv4(random.split(), background.resolvers(), Set.of());
    Set<String> reserved = new HashSet<>();
    labels.forEach(label -> {
      reserved.add(label.domain());
      if (label.previousDomain() != null) {
        reserved.add(label.previousDomain());
      }
    });
    List<DayGenerator> out = new ArrayList<>();
    out.add(new Background(random.split(), background.names(), resolvers, background.eventsPerDay(), reserved));
    for (int i = 0; i < COLLAPSES; i++) {
      out.addAll(collapse(i, random.split(), resolvers));
    }
    for (int j = 0; j < RENAMES; j++) {
      out.addAll(rename(j, random.split(), resolvers));
    }
    out.addAll(lookAlikeTraffic(random.split(), resolvers));
    // each on its own random stream, so the traffic above stays what it was before these look-alikes came
    out.add(new FlappingName(new SplittableRandom(seed ^ FlappingName.SEED_SALT), firstDay()));
    out.add(new SmallNetwork(new SplittableRandom(seed ^ SmallNetwork.SEED_SALT)));
    for (int k = 0; k < RotatingFew.NAMES; k++) {
      out.add(new RotatingFew(new SplittableRandom(seed ^ (RotatingFew.SEED_SALT + k)), "sync" + k + ".thin-sample.org",
          "198.18.7." + (10 + k)));
    }
    return out;
  }

  // ---- collapses: a broad audience for 30-50 days, then 1-3 sources for 30 days ----

  static String collapseName(int i) {
    return "news" + i + ".mailer-" + BRANDS[i % BRANDS.length] + ".com";
  }

  private LocalDate collapseStart(int i) {
    return firstDay().plusDays(5 + 12L * i);
  }

  private static int broadDays(int i) {
    return 30 + (i % 3) * 10;
  }

  private List<DayGenerator> collapse(int i, SplittableRandom random, String[] resolvers) {
    String name = collapseName(i);
    String address = Addresses.publicIpv4(random, 1, Set.of())[0];
    LocalDate start = collapseStart(i);
    LocalDate narrow = start.plusDays(broadDays(i));
    Strand.Askers broad = Strand.Askers.audience(random, resolvers, AUDIENCES[i % 4]);
    int few = 1 + i % 3;
    List<String> remaining = i % 2 == 0
        ? List.of(Addresses.publicIpv4(random, few, Set.of()))   // sources never seen before
        : Addresses.sample(random, resolvers, few);              // ordinary resolvers that became the few
    double narrowMean = NARROW_MEANS[(i / 3) % 4];
    List<DayGenerator> out = new ArrayList<>();
    out.add(Strand.steady(random, name, start, narrow, BROAD_MEANS[i % 4], broad, address));
    out.add(i % 4 < 2
        ? Strand.steady(random, name, narrow, narrow.plusDays(NARROW_DAYS), narrowMean, Strand.Askers.of(remaining), address)
        : new Strand(random, name, narrow, narrow.plusDays(NARROW_DAYS), day -> narrowMean, Strand.Askers.of(remaining),
            address, 6, 15)); // office hours
    if (i % 2 == 1) { // the broad audience tapers off over the first narrow days
      out.add(new Strand(random, name, narrow, narrow.plusDays(5), day -> BROAD_MEANS[i % 4] * 0.05 / (day + 1),
          broad, address, 0, 24));
    }
    if (i % 4 == 3) { // a stray now and then
      out.add(Strand.steady(random, name, narrow, narrow.plusDays(NARROW_DAYS), 0.25,
          Strand.Askers.of(List.of(resolvers)), address));
    }
    return out;
  }

  // ---- renames: a name on 2-7 sources goes dark; after a lag a new name is queried by most of them ----

  static String renameOldName(int j) {
    return "portal" + j + "." + BRANDS[(j + 5) % BRANDS.length] + "-secure.com";
  }

  static String renameNewName(int j) {
    return "portal" + j + "." + BRANDS[(j + 5) % BRANDS.length] + "-login.net";
  }

  private LocalDate renameStart(int j) {
    return firstDay().plusDays(3 + 5L * j);
  }

  private LocalDate renameLastDay(int j) {
    return renameStart(j).plusDays(50 + 3L * j);
  }

  private static boolean goesNxdomain(int j) {
    return j % 2 == 0;
  }

  /** When the old name goes dark: its first NXDOMAIN, or its last lookup. */
  private long renameDarkAt(int j) {
    return goesNxdomain(j)
        ? Randoms.dayStart(renameLastDay(j).plusDays(1)) + NXDOMAIN_HOUR * Randoms.HOUR_MS
        : Randoms.dayStart(renameLastDay(j)) + LAST_LOOKUP_HOUR * Randoms.HOUR_MS;
  }

  private List<DayGenerator> rename(int j, SplittableRandom random, String[] resolvers) {
    int sources = 2 + j % 6;
    List<String> askers = j % 2 == 0
        ? List.of(Addresses.publicIpv4(random, sources, Set.of()))
        : Addresses.sample(random, resolvers, sources);
    String oldAddress = Addresses.publicIpv4(random, 1, Set.of())[0];
    String newAddress = j % 2 == 0 ? oldAddress : Addresses.publicIpv4(random, 1, Set.of())[0];
    double mean = new double[] {6, 15, 40}[j % 3];
    LocalDate start = renameStart(j);
    LocalDate last = renameLastDay(j);
    long darkAt = renameDarkAt(j);
    List<DayGenerator> out = new ArrayList<>();
    Strand old = j % 2 == 0
        ? new Strand(random, renameOldName(j), start, last.plusDays(1), day -> mean, Strand.Askers.of(askers), oldAddress, 6, 15)
        : Strand.steady(random, renameOldName(j), start, last, mean, Strand.Askers.of(askers), oldAddress);
    out.add(old);
    Scheduled moments = new Scheduled();
    if (goesNxdomain(j)) {
      Strand gone = new Strand(random, renameOldName(j), Scheduled.dayOf(darkAt), Scheduled.dayOf(darkAt).plusDays(3),
          day -> 2, Strand.Askers.of(askers), null, NXDOMAIN_HOUR + 1, 20);
      moments.add(gone.lookup(darkAt, askers.get(0)));
      out.add(gone);
    } else {
      moments.add(old.lookup(darkAt, askers.get(0)));  // the last lookup of the old name
    }
    int shared = Math.max(2, (int) Math.ceil(sources * 0.6));
    List<String> newAskers = new ArrayList<>(askers.subList(0, shared));
    if (j % 5 == 4) {
      newAskers.add(Addresses.publicIpv4(random, 1, Set.of())[0]);  // one early source the old name never had
    }
    long first = darkAt + LAGS[j].toMillis();
    String firstAsker = j % 5 == 4 ? newAskers.get(newAskers.size() - 1) : askers.get(0); // not one of the old name's
    Strand renamed = Strand.steady(random, renameNewName(j), Scheduled.dayOf(first).plusDays(1),
        Scheduled.dayOf(first).plusDays(20), 10, Strand.Askers.of(newAskers), newAddress);
    moments.add(renamed.lookup(first, firstAsker));
    for (int k = 0; k < newAskers.size(); k++) { // the rest of the first day, after the first lookup
      moments.add(renamed.lookup(first + (k + 1) * 10 * 60_000L, newAskers.get(k)));
    }
    out.add(moments);
    out.add(renamed);
    return out;
  }

  // ---- benign look-alikes ----

  private List<DayGenerator> lookAlikeTraffic(SplittableRandom random, String[] resolvers) {
    List<DayGenerator> out = new ArrayList<>();
    LocalDate day0 = firstDay();
    for (int k = 0; k < 2; k++) {
      Strand.Askers edge = Strand.Askers.audience(random, resolvers, 120);
      for (int n = 0; n < 20; n++) { // a new edge name every 5 days, the old one silent
        LocalDate from = day0.plusDays(10 + 40L * k + 5L * n);
        out.add(Strand.steady(random, "e" + n + ".rot" + k + ".cdnedge.net", from, from.plusDays(5), 150, edge,
            Addresses.publicIpv4(random, 1, Set.of())[0]));
      }
      Strand.Askers shoppers = Strand.Askers.audience(random, resolvers, 300);
      LocalDate switchDay = day0.plusDays(60 + 30L * k);
      out.add(Strand.steady(random, "www.megastore" + k + ".com", day0, switchDay, 300, shoppers, "198.18.0." + (10 + k)));
      out.add(Strand.steady(random, "www.megastore" + k + "-shop.com", switchDay, lastDay().plusDays(1), 300, shoppers,
          "198.18.1." + (10 + k)));
      out.add(new DgaWalker(random.split(), Addresses.publicIpv4(random, 1, Set.of())[0], day0.plusDays(20 + 30L * k),
          day0.plusDays(140 + 30L * k)));
      Strand.Askers users = Strand.Askers.audience(random, resolvers, 150);
      out.add(new Strand(random, "legacy" + k + ".old-portal.com", day0.plusDays(15L * k), lastDay().plusDays(1),
          day -> Math.max(5, 300 - 3.7 * day), users, "198.18.2." + (10 + k), 0, 24));
      LocalDate launch = day0.plusDays(70 + 20L * k);
      List<String> early = Addresses.sample(random, resolvers, 2);
      out.add(Strand.steady(random, "app" + k + ".trending-now.io", launch, launch.plusDays(1), 2, Strand.Askers.of(early),
          "198.18.3." + (10 + k)));
      out.add(new Strand(random, "app" + k + ".trending-now.io", launch.plusDays(1), lastDay().plusDays(1),
          day -> Math.min(400, 10 + 40 * day), Strand.Askers.audience(random, resolvers, 400), "198.18.3." + (10 + k), 0, 24));
      out.add(Strand.steady(random, "telemetry" + k + ".devicecloud.com", day0, lastDay().plusDays(1), 50,
          Strand.Askers.of(List.of(Addresses.publicIpv4(random, 1, Set.of())[0])), "198.18.4." + (10 + k)));
    }
    List<String> backupHosts = List.of(Addresses.publicIpv4(random, 2, Set.of()));
    Strand weekly = Strand.steady(random, "backup.corp-weekly.com", day0, lastDay().plusDays(1), 20,
        Strand.Askers.of(backupHosts), "198.18.5.10");
    out.add((day, events) -> {
      if (day.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
        weekly.generate(day, events);
      }
    });
    return out;
  }

  /**
   * Two hosts look up a name all day, every day. Now and then their resolver answers its last lookup
   * of the day with a lone NXDOMAIN (a zone reload, a flaky forwarder), and it resolves again the next
   * morning. Two days after each such hiccup the same two hosts start on a new service name. The
   * old name never went dark, so none of this is a rename.
   */
  private static final class FlappingName implements DayGenerator {
    static final long SEED_SALT = 0x6A09E667F3BCC908L;
    private static final int LOOKUPS_A_DAY = 10;
    private static final int FIRST_HICCUP_DAY = 40;
    private static final int DAYS_BETWEEN_HICCUPS = 30;
    private static final int NEW_NAME_AFTER_DAYS = 2;
    private final SplittableRandom random;
    private final List<String> hosts;
    private final LocalDate day0;

    /** Every day of the scenario, from {@code day0}. */
    FlappingName(SplittableRandom random, LocalDate day0) {
      this.random = random;
      this.hosts = List.of(Addresses.publicIpv4(random, 2, Set.of()));
      this.day0 = day0;
    }

    @Override
    public void generate(LocalDate day, List<DnsEvent> out) {
      long index = ChronoUnit.DAYS.between(day0, day);
      lookUp("portal.flaky-dns.net", "198.18.6.10", day, out);
      for (long hiccup = FIRST_HICCUP_DAY, n = 0; hiccup + NEW_NAME_AFTER_DAYS <= index; hiccup += DAYS_BETWEEN_HICCUPS, n++) {
        lookUp("svc" + n + ".flaky-dns.net", "198.18.6." + (20 + n), day, out);
      }
      if (index >= FIRST_HICCUP_DAY && (index - FIRST_HICCUP_DAY) % DAYS_BETWEEN_HICCUPS == 0) {
        out.add(Lookup.nxdomain(Randoms.timeBetween(random, day, 23, 24), hosts.get(random.nextInt(hosts.size())),
            Randoms.ephemeralPort(random), "portal.flaky-dns.net"));
      }
    }

    /** The day's lookups of {@code name}, answered, in office hours. */
    private void lookUp(String name, String address, LocalDate day, List<DnsEvent> out) {
      for (int i = 0; i < LOOKUPS_A_DAY; i++) {
        out.add(Lookup.answered(Randoms.timeBetween(random, day, 8, 18), hosts.get(i % hosts.size()),
            Randoms.ephemeralPort(random), name, address));
      }
    }
  }

  /**
   * A name of many hosts looked up thinly: each day only two to five of its forty hosts, a different
   * set from the day before, make its dozen or so lookups. A day of two or three looks narrow, with a
   * broad baseline before it; but it is a small sample of a broad audience, not a collapse to a few,
   * which are the same few day after day.
   */
  private static final class RotatingFew implements DayGenerator {
    static final long SEED_SALT = 0xBB67AE8584CAA73BL;
    static final int NAMES = 2;
    private static final int HOSTS = 40;
    private static final int FEWEST_A_DAY = 2;
    private static final int MOST_A_DAY = 5;
    private static final int FEWEST_LOOKUPS = 12;
    private static final int MOST_LOOKUPS = 19;
    private final SplittableRandom random;
    private final String[] hosts;
    private final String name;
    private final String address;
    private Set<String> yesterday = Set.of();

    RotatingFew(SplittableRandom random, String name, String address) {
      this.random = random;
      this.hosts = Addresses.publicIpv4(random, HOSTS, Set.of());
      this.name = name;
      this.address = address;
    }

    @Override
    public void generate(LocalDate day, List<DnsEvent> out) {
      List<String> today;
      do {
        today = Addresses.sample(random, hosts, FEWEST_A_DAY + random.nextInt(MOST_A_DAY - FEWEST_A_DAY + 1));
      } while (yesterday.equals(Set.copyOf(today)));
      yesterday = Set.copyOf(today);
      int lookups = FEWEST_LOOKUPS + random.nextInt(MOST_LOOKUPS - FEWEST_LOOKUPS + 1);
      for (int i = 0; i < lookups; i++) { // in turn: each of the day's hosts is one of its busy sources
        out.add(Lookup.answered(Randoms.timeBetween(random, day, 0, 24), today.get(i % today.size()),
            Randoms.ephemeralPort(random), name, address));
      }
    }
  }

  /**
   * A small office: four hosts, and every name they look up is looked up by two to four of them. Two
   * to four new names start every day, each looked up daily for three to ten days and then no more
   * (one in four ends with two NXDOMAINs). Every name that goes dark shares its few with the names
   * that start after it, and none of them is a rename: these hosts take up new names all the time.
   */
  private static final class SmallNetwork implements DayGenerator {
    static final long SEED_SALT = 0x3C6EF372FE94F82BL;
    private static final int HOSTS = 4;
    private static final int FEWEST_NEW_A_DAY = 2;
    private static final int MOST_NEW_A_DAY = 4;
    private static final int SHORTEST_LIFE_DAYS = 3;
    private static final int LONGEST_LIFE_DAYS = 10;
    private static final int MOST_LOOKUPS_A_DAY = 15;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "tro", "zen", "via", "cor", "pix", "dat", "sol",
        "ver", "bit", "nu", "flux", "lum", "tek", "ra", "go", "hub", "fa"};
    private final SplittableRandom random;
    private final String[] hosts;
    private final List<OfficeName> live = new ArrayList<>();
    private int started;

    /** A name of the office, looked up on the days before {@code until} by {@code askers}. */
    private record OfficeName(String name, String address, List<String> askers, LocalDate until, boolean failsAtEnd) {}

    SmallNetwork(SplittableRandom random) {
      this.random = random;
      this.hosts = Addresses.publicIpv4(random, HOSTS, Set.of());
    }

    @Override
    public void generate(LocalDate day, List<DnsEvent> out) {
      int starting = FEWEST_NEW_A_DAY + random.nextInt(MOST_NEW_A_DAY - FEWEST_NEW_A_DAY + 1);
      for (int i = 0; i < starting; i++) {
        live.add(new OfficeName("w" + started + "." + word(started) + ".site", Addresses.publicIpv4(random, 1, Set.of())[0],
            Addresses.sample(random, hosts, 2 + random.nextInt(HOSTS - 1)),
            day.plusDays(SHORTEST_LIFE_DAYS + random.nextInt(LONGEST_LIFE_DAYS - SHORTEST_LIFE_DAYS + 1)),
            random.nextInt(4) == 0));
        started++;
      }
      for (OfficeName name : live) {
        if (day.isBefore(name.until())) {
          int lookups = name.askers().size() + random.nextInt(MOST_LOOKUPS_A_DAY);
          for (int i = 0; i < lookups; i++) {
            out.add(Lookup.answered(Randoms.timeBetween(random, day, 8, 18), name.askers().get(i % name.askers().size()),
                Randoms.ephemeralPort(random), name.name(), name.address()));
          }
        } else if (name.failsAtEnd()) {
          for (int i = 0; i < 2; i++) {
            out.add(Lookup.nxdomain(Randoms.timeBetween(random, day, 8, 18), name.askers().get(i % name.askers().size()),
                Randoms.ephemeralPort(random), name.name()));
          }
        }
      }
      live.removeIf(name -> !day.isBefore(name.until()));
    }

    /** A made-up word of its own for the {@code n}th name, so that no two names look alike. */
    private static String word(int n) {
      StringBuilder word = new StringBuilder();
      for (int rest = n; word.length() == 0 || rest > 0; rest /= SYLLABLES.length) {
        word.append(SYLLABLES[rest % SYLLABLES.length]);
      }
      return word.length() < 3 ? word + "net" : word.toString();
    }
  }

  /** One host looking up random names that do not exist, as malware walking a DGA does. */
  private static final class DgaWalker implements DayGenerator {
    private static final int NAMES_A_DAY = 40;
    private static final int LABEL_LENGTH = 16;
    private final SplittableRandom random;
    private final String host;
    private final LocalDate from;
    private final LocalDate to;

    DgaWalker(SplittableRandom random, String host, LocalDate from, LocalDate to) {
      this.random = random;
      this.host = host;
      this.from = from;
      this.to = to;
    }

    @Override
    public void generate(LocalDate day, List<DnsEvent> out) {
      if (day.isBefore(from) || !day.isBefore(to)) {
        return;
      }
      for (int i = 0; i < NAMES_A_DAY; i++) {
        StringBuilder label = new StringBuilder(LABEL_LENGTH);
        for (int c = 0; c < LABEL_LENGTH; c++) {
          label.append((char) ('a' + random.nextInt(26)));
        }
        String name = label + (random.nextBoolean() ? ".biz" : ".info");
        out.add(Lookup.nxdomain(Randoms.timeBetween(random, day, 0, 24), host, Randoms.ephemeralPort(random), name));
      }
    }
  }
}
