package io.narrowcast.simulate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Sampling helpers shared by the generators; all take the caller's seeded random. */
final class Randoms {
  static final long DAY_MS = 86_400_000L;
  static final long HOUR_MS = 3_600_000L;
  private static final int NORMAL_APPROXIMATION_ABOVE = 30;
  private static final int MIN_EPHEMERAL_PORT = 1024;

  private Randoms() {}

  /** Poisson-distributed count with mean {@code lambda}. */
  static int poisson(SplittableRandom random, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > NORMAL_APPROXIMATION_ABOVE) {
      double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian));
    }
    double limit = Math.exp(-lambda);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  static long dayStart(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** A time on {@code day} between the UTC hours {@code fromHour} (inclusive) and {@code toHour} (exclusive). */
  static long timeBetween(SplittableRandom random, LocalDate day, int fromHour, int toHour) {
    return dayStart(day) + fromHour * HOUR_MS + random.nextLong((toHour - fromHour) * HOUR_MS);
  }

  static int ephemeralPort(SplittableRandom random) {
    return MIN_EPHEMERAL_PORT + random.nextInt(65_536 - MIN_EPHEMERAL_PORT);
  }

  static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek().getValue() >= 6;
  }
}
