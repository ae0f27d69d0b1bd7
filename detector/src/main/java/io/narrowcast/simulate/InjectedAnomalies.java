package io.narrowcast.simulate;

import com.google.common.net.InetAddresses;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.Sources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Labelled anomalies made to be injected into a real log, so that the detector can be measured on the
 * traffic it is meant to watch: four querier-set collapses and four renames of different sizes, rates
 * and lags, laid out in whole windows across a stretch of the log and sized from the detection
 * thresholds (a collapse's audience is min-baseline-sources and more, its narrow windows hold
 * min-queries and more lookups).
 *
 * <p>They look like the network: the few that a collapse narrows to and the sources of a rename are
 * the log's own busiest sources (disjoint between renames, so that no two injected renames can pair
 * up), and a collapse's broad audience is the log's other sources, topped up with addresses beside
 * them (same /16, or /32 for IPv6) that the log does not hold when it has too few. Names live under
 * {@value #SUFFIX} (RFC 6761: no real name can be one), so they cannot collide with the log's names; a
 * name there has no public suffix, so it counts as itself by registered domain too, and each anomaly
 * keeps a domain of its own at either granularity. Answers come from the documentation ranges.
 *
 * <p>Collapse and new names go on being looked up, one lookup a window, to the end of the stretch, and
 * the few never look up a collapse name in its first window: a name that fell silent there, or a
 * collapse's first audience, could otherwise pair with an injected rename and raise an alert no
 * label asks for. What remains are the detector's own confusions between the log and the injection.
 */
public final class InjectedAnomalies {
  public static final String SUFFIX = ".test";
  private static final String[] BRANDS = {"acme", "globex", "initech", "hooli", "umbrella", "vandelay", "wonka", "stark"};
  private static final int[] AUDIENCE_ABOVE_MIN = {5, 10, 20, 40};
  private static final int[] EXTRA_BROAD_WINDOWS = {0, 1, 2, 0};
  private static final int[] EXTRA_NARROW_WINDOWS = {1, 2, 1, 2};
  private static final double[] NARROW_RATE_TIMES_MIN = {1.5, 2, 3, 5};
  private static final int[] RENAME_SOURCES = {2, 3, 4, 2};
  private static final int[] OLD_NAME_RATES = {3, 6, 10, 4};
  private static final double[] LAG_SHARE_OF_MAX = {0.15, 0.4, 0.65, 0.9};
  /** Where in its window a new name's first lookup falls: room for its other early sources after it. */
  private static final double BIRTH_IN_WINDOW = 0.3;
  private static final int NXDOMAIN_RETRY_WINDOWS = 2;
  private static final int MAX_NEIGHBOUR_TRIES = 100_000;

  /**
   * The network to look like.
   *
   * @param busiest one address per source of the stretch (as the detector counts sources), busiest first
   * @param sources every source of the log as the detector counts them: addresses made up avoid them
   * @param names the log's names under {@value #SUFFIX}: injected names avoid them
   */
  public record Network(List<String> busiest, Set<String> sources, Set<String> names) {
    public Network {
      if (busiest.isEmpty()) {
        throw new IllegalArgumentException("a network needs a source");
      }
      busiest = List.copyOf(busiest);
      sources = Set.copyOf(sources);
      names = Set.copyOf(names);
    }
  }

  private final Network network;
  private final DetectionConfig config;
  private final EventNormalizer normalizer;
  private final SplittableRandom random;
  private final long w;
  private final long first;
  private final long windows;
  private final Set<String> taken = new HashSet<>();
  private final List<String> neighbours = new ArrayList<>();
  private final Set<String> realUsed = new HashSet<>();
  private final List<ExpectedAlert> labels = new ArrayList<>();
  private final List<DnsEvent> events = new ArrayList<>();

  private InjectedAnomalies(Network network, long from, long to, DetectionConfig config, long seed) {
    this.network = network;
    this.config = config;
    this.normalizer = new EventNormalizer(config.sourceGranularity(), config.domainGranularity());
    this.random = new SplittableRandom(seed);
    this.w = config.windowMs();
    this.first = Math.floorDiv(from + w - 1, w) * w;
    this.windows = Math.floorDiv(to - first, w);
    this.taken.addAll(network.sources());
  }

  /**
   * The anomalies for the stretch [{@code from}, {@code to}] of a log (epoch milliseconds), in its whole
   * windows of {@code config}.
   *
   * @throws IllegalArgumentException when the stretch holds too few windows for them
   */
  public static InjectedAnomalies plan(Network network, long from, long to, DetectionConfig config, long seed) {
    InjectedAnomalies plan = new InjectedAnomalies(network, from, to, config, seed);
    plan.build();
    return plan;
  }

  /** What the detector should find: one label per anomaly, collapses first. */
  public List<ExpectedAlert> labels() {
    return List.copyOf(labels);
  }

  /** The injected lookups, in time order. */
  public List<DnsEvent> events() {
    return List.copyOf(events);
  }

  /** The log's own sources the anomalies use, busiest first. */
  public List<String> realSources() {
    return network.busiest().stream().filter(realUsed::contains).toList();
  }

  /** How many addresses the log does not hold were made up beside its own. */
  public int madeUpSources() {
    return neighbours.size();
  }

  public long count(AlertKind kind) {
    return labels.stream().filter(l -> l.kind() == kind).count();
  }

  private void build() {
    int lookbackWindows = (int) Math.ceil((double) config.newNameLookback().toMillis() / w);
    double maxLagWindows = (double) config.renameMaxLag().toMillis() / w;
    long firstBirth = Math.max(lookbackWindows + 1L,
        config.minActiveWindows() + 1L + (long) Math.ceil(LAG_SHARE_OF_MAX[LAG_SHARE_OF_MAX.length - 1] * maxLagWindows));
    long lastBirth = windows - 2;
    long collapseWindows = 0;
    for (int i = 0; i < AUDIENCE_ABOVE_MIN.length; i++) {
      collapseWindows = Math.max(collapseWindows, (long) i + broadWindows(i) + narrowWindows(i));
    }
    long needed = Math.max(collapseWindows, firstBirth + 2);
    if (windows < needed || lastBirth < firstBirth) {
      throw new IllegalArgumentException(String.format("the injected anomalies need %d windows of %s (new-name-lookback %s, "
              + "rename-max-lag %s), but the log's busiest stretch holds %d: give a shorter --window, or leave it out",
          needed, DetectionConfig.text(config.window()), DetectionConfig.text(config.newNameLookback()),
          DetectionConfig.text(config.renameMaxLag()), windows));
    }
    List<List<String>> renameSources = new ArrayList<>();
    int next = 0;
    for (int j = 0; j < RENAME_SOURCES.length; j++) {
      int size = Math.max(config.renameMinSharedSources(), RENAME_SOURCES[j]);
      renameSources.add(busiest(next, size));
      next += size;
    }
    Set<String> renameSet = new HashSet<>();
    renameSources.forEach(renameSet::addAll);
    for (int i = 0; i < AUDIENCE_ABOVE_MIN.length; i++) {
      collapse(i, renameSet);
    }
    for (int j = 0; j < RENAME_SOURCES.length; j++) {
      long birthWindow = firstBirth + j * (lastBirth - firstBirth) / (RENAME_SOURCES.length - 1);
      rename(j, renameSources.get(j), birthWindow);
    }
    events.sort(Comparator.comparing(DnsEvent::getEventTime));
  }

  // ---- collapses: a broad audience for a few windows, then 1-3 of the log's busiest sources ----

  private int broadWindows(int i) {
    return config.minBaselineWindows() + EXTRA_BROAD_WINDOWS[i];
  }

  private int narrowWindows(int i) {
    return config.minNarrowWindows() + EXTRA_NARROW_WINDOWS[i];
  }

  private void collapse(int i, Set<String> renameSources) {
    String name = freeName("mail" + i + "." + BRANDS[i] + "-news" + SUFFIX);
    String address = "198.51.100." + (10 + i);
    int broad = broadWindows(i);
    int narrow = narrowWindows(i);
    long broadStart = first + i * w;
    long narrowStart = broadStart + broad * w;
    List<String> few = busiest(i, 1 + i % config.maxRemainingSources());
    List<String> audience = audience(config.minBaselineSources() + AUDIENCE_ABOVE_MIN[i], renameSources, few);
    for (int k = 0; k < audience.size(); k++) {
      int window = k % broad;
      answered(timeIn(broadStart + window * w), audience.get(k), name, address);
      if (random.nextBoolean()) {
        answered(timeIn(broadStart + random.nextInt(broad) * w), audience.get(k), name, address);
      }
    }
    if (i % 2 == 1 && broad > 1) { // ordinary queriers that became the few: in the baseline, never in its first window
      for (String source : few) {
        answered(timeIn(broadStart + (1 + random.nextInt(broad - 1)) * w), source, name, address);
      }
    }
    int rate = (int) Math.ceil(config.minQueries() * NARROW_RATE_TIMES_MIN[i]);
    boolean stray = i == 3 && config.maxStrayShare() * (rate + 1) >= 1;
    for (int window = 0; window < narrow; window++) {
      long start = narrowStart + window * w;
      for (int q = 0; q < rate; q++) {
        answered(timeIn(start), few.get(q % few.size()), name, address);
      }
      if (stray) { // a lookup by someone else now and then must not hide the collapse
        answered(timeIn(start), audience.get(random.nextInt(audience.size())), name, address);
      }
    }
    keepAlive(narrowStart + narrow * w, List.of(few.get(0)), name, address);
    labels.add(new ExpectedAlert(AlertKind.QUERIER_COLLAPSE, normalizer.domainKey(name), null,
        Instant.ofEpochMilli(narrowStart), Instant.ofEpochMilli(narrowStart + narrow * w)));
  }

  /** The log's sources outside the renames and the few, topped up with made-up neighbours. */
  private List<String> audience(int size, Set<String> renameSources, List<String> few) {
    List<String> out = new ArrayList<>();
    for (String source : network.busiest()) {
      if (out.size() < size && !renameSources.contains(source) && !few.contains(source)) {
        out.add(source);
        realUsed.add(source);
      }
    }
    for (int k = 0; out.size() < size; k++) {
      out.add(neighbour(k));
    }
    return out;
  }

  // ---- renames: a name of 2-4 sources goes dark; after a lag a new name is looked up by most of them ----

  private void rename(int j, List<String> sources, long birthWindow) {
    String brand = BRANDS[(RENAME_SOURCES.length + j) % BRANDS.length];
    String oldName = freeName("portal" + j + "." + brand + "-secure" + SUFFIX);
    String newName = freeName("portal" + j + "." + brand + "-login" + SUFFIX);
    String oldAddress = "203.0.113." + (10 + j);
    String newAddress = j % 2 == 0 ? oldAddress : "203.0.113." + (50 + j); // a shared answer only raises the score
    long birth = first + birthWindow * w + (long) (BIRTH_IN_WINDOW * w);
    long dark = birth - (long) (LAG_SHARE_OF_MAX[j] * config.renameMaxLag().toMillis());
    boolean nxdomain = j % 2 == 0;
    int lookup = 0;
    for (long start = first; start < dark; start += w) { // every window of its life, so silence makes it dark
      long end = Math.min(start + w, dark);
      for (int q = 0; q < OLD_NAME_RATES[j]; q++) {
        answered(start + random.nextLong(end - start), sources.get(lookup++ % sources.size()), oldName, oldAddress);
      }
    }
    if (nxdomain) { // two failures in a row make it dark; its sources retry for a while
      nxdomain(dark, sources.get(0), oldName);
      nxdomain(dark + w / 10, sources.get(1), oldName);
      for (int k = 1; k <= NXDOMAIN_RETRY_WINDOWS; k++) {
        nxdomain(dark + k * w, sources.get(k % sources.size()), oldName);
      }
    } else { // its last lookup: silence from here on
      answered(dark, sources.get(0), oldName, oldAddress);
    }
    int sharedCount = Math.min(sources.size(), Math.max(config.renameMinSharedSources(),
        (int) Math.ceil(sources.size() * config.renameMinOldShare() + 0.5)));
    List<String> shared = sources.subList(0, sharedCount);
    List<String> early = new ArrayList<>(shared);
    boolean outsider = j == 3 && (double) sharedCount / (sharedCount + 1) >= config.renameMinContainment();
    if (outsider) { // the first lookup of the new name comes from a source the old name never had
      early.add(0, neighbour(neighbours.size()));
    }
    long gap = (first + (birthWindow + 1) * w - birth) / (early.size() + 1);
    for (int k = 0; k < early.size(); k++) {
      answered(birth + k * gap, early.get(k), newName, newAddress);
    }
    keepAlive(first + (birthWindow + 1) * w, shared, newName, newAddress);
    long windowStart = config.windowStart(birth);
    labels.add(new ExpectedAlert(AlertKind.RENAME_FOLLOW, normalizer.domainKey(newName), normalizer.domainKey(oldName),
        Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowStart + w)));
  }

  // ---- helpers ----

  /** One lookup a window from {@code from} to the end of the stretch, so that the name never goes dark in it. */
  private void keepAlive(long from, List<String> sources, String name, String address) {
    int k = 0;
    for (long start = from; start < first + windows * w; start += w) {
      answered(timeIn(start), sources.get(k++ % sources.size()), name, address);
    }
  }

  /** {@code count} of the busiest sources from rank {@code rank} on, made-up neighbours where the log has too few. */
  private List<String> busiest(int rank, int count) {
    List<String> out = new ArrayList<>();
    for (int k = rank; k < rank + count; k++) {
      if (k < network.busiest().size()) {
        out.add(network.busiest().get(k));
        realUsed.add(network.busiest().get(k));
      } else {
        out.add(neighbour(k - network.busiest().size()));
      }
    }
    return out;
  }

  /**
   * The {@code k}th made-up source: an address beside the busiest source (its /16, or /32 for IPv6) that
   * counts as a source of its own and is none of the log's.
   */
  private String neighbour(int k) {
    while (neighbours.size() <= k) {
      byte[] bytes = InetAddresses.forString(network.busiest().get(0)).getAddress();
      int keep = bytes.length == 4 ? 2 : 4;
      for (int tries = 0; ; tries++) {
        if (tries == MAX_NEIGHBOUR_TRIES) {
          throw new IllegalArgumentException("no free addresses left beside " + network.busiest().get(0));
        }
        for (int b = keep; b < bytes.length; b++) {
          bytes[b] = (byte) random.nextInt(256);
        }
        if (bytes.length == 4 && (bytes[3] == 0 || bytes[3] == (byte) 255)) {
          continue;
        }
        String address = InetAddresses.toAddrString(address(bytes));
        if (taken.add(source(address))) {
          neighbours.add(address);
          break;
        }
      }
    }
    return neighbours.get(k);
  }

  private String source(String address) {
    try {
      return Sources.canonical(address, config.sourceGranularity());
    } catch (InvalidRecordException e) {
      throw new IllegalStateException(address, e);
    }
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes); // raw bytes: no name lookup
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " bytes", e);
    }
  }

  /** {@code name}, or a variant of it that the log does not hold. */
  private String freeName(String name) {
    String candidate = name;
    for (int k = 2; network.names().contains(candidate); k++) {
      candidate = name.replace(SUFFIX, "-" + k + SUFFIX);
    }
    return candidate;
  }

  private long timeIn(long windowStart) {
    return windowStart + random.nextLong(w);
  }

  private void answered(long time, String source, String name, String address) {
    events.add(Lookup.answered(time, source, Randoms.ephemeralPort(random), name, address));
  }

  private void nxdomain(long time, String source, String name) {
    events.add(Lookup.nxdomain(time, source, Randoms.ephemeralPort(random), name));
  }
}
