package io.narrowcast.bench;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The benchmark's feed: {@code events} lookups spread evenly over {@code days} of event time; names
 * with Zipf popularity, sources with Zipf activity, a few percent of never-seen names and NXDOMAINs,
 * answers on every resolved lookup. Deterministic for a seed.
 *
 * @param events lookups to generate
 * @param names ordinary names
 * @param sources distinct querying sources
 * @param days event-time span, one window a day at the defaults
 */
public record BenchEvents(long events, int names, int sources, int days, long seed) {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final double NEW_NAME_SHARE = 0.03;
  private static final double NXDOMAIN_SHARE = 0.02;
  private static final double NAME_EXPONENT = 1.0;
  private static final double SOURCE_EXPONENT = 0.8;

  public BenchEvents {
    if (events < 1 || names < 1 || sources < 1 || days < 1) {
      throw new IllegalArgumentException("events, names, sources and days must be positive");
    }
  }

  /** Hands every event to {@code sink}, in event-time order. */
  public void generate(Consumer<DnsEvent> sink) {
    SplittableRandom random = new SplittableRandom(seed);
    ZipfTable popularity = new ZipfTable(names, NAME_EXPONENT);
    ZipfTable activity = new ZipfTable(sources, SOURCE_EXPONENT);
    long spanMs = Duration.ofDays(days).toMillis();
    long newNames = 0;
    for (long i = 0; i < events; i++) {
      long time = START.toEpochMilli() + i * spanMs / events;
      String name;
      String address;
      double roll = random.nextDouble();
      if (roll < NEW_NAME_SHARE) {
        name = "new" + newNames++ + ".bench-fresh.net";
        address = "198.18." + (newNames % 256) + "." + (newNames / 256 % 256);
      } else {
        int rank = popularity.sample(random);
        name = "n" + rank + ".bench-example.com";
        address = "203.0." + (rank / 256 % 256) + "." + (rank % 256);
      }
      int source = activity.sample(random);
      boolean nxdomain = roll > 1.0 - NXDOMAIN_SHARE;
      sink.accept(DnsEvent.newBuilder()
          .setEventTime(Instant.ofEpochMilli(time)).setSensor("bench")
          .setSourceIp("10." + (source >> 16 & 0xff) + "." + (source >> 8 & 0xff) + "." + (source & 0xff))
          .setSourcePort(1024 + random.nextInt(60_000)).setQuery(name).setQtype(1)
          .setRcode(nxdomain ? 3 : 0)
          .setAnswers(nxdomain ? List.of() : List.of(new Answer("A", 300L, address)))
          .setTransport("udp")
          .build());
    }
  }

  /** Samples 0..n-1 with probability proportional to 1 / (i + 1)^s, by binary search over the CDF. */
  static final class ZipfTable {
    private final double[] cumulative;

    ZipfTable(int n, double exponent) {
      cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.pow(i + 1, -exponent);
        cumulative[i] = sum;
      }
    }

    int sample(SplittableRandom random) {
      double target = random.nextDouble() * cumulative[cumulative.length - 1];
      int at = java.util.Arrays.binarySearch(cumulative, target);
      return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }
  }
}
