package io.narrowcast.simulate;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** Random public-looking IPv4 addresses, avoiding private, shared, loopback and reserved ranges. */
final class Addresses {
  private Addresses() {}

  static String[] publicIpv4(SplittableRandom random, int count, Set<String> avoid) {
    Set<String> seen = new HashSet<>(avoid);
    String[] out = new String[count];
    int made = 0;
    while (made < count) {
      int a = 1 + random.nextInt(223);
      int b = random.nextInt(256);
      if (isReserved(a, b)) {
        continue;
      }
      String address = a + "." + b + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
      if (seen.add(address)) {
        out[made++] = address;
      }
    }
    return out;
  }

  /** {@code size} distinct entries of {@code pool}. */
  static java.util.List<String> sample(SplittableRandom random, String[] pool, int size) {
    return java.util.Arrays.stream(sampleIndexes(random, pool.length, size)).mapToObj(i -> pool[i]).toList();
  }

  /** {@code size} distinct indexes below {@code n}, ascending. */
  static int[] sampleIndexes(SplittableRandom random, int n, int size) {
    if (size > n) {
      throw new IllegalArgumentException("cannot pick " + size + " of " + n);
    }
    Set<Integer> chosen = new HashSet<>();
    while (chosen.size() < size) {
      chosen.add(random.nextInt(n));
    }
    return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static boolean isReserved(int a, int b) {
    return a == 10 || a == 127 || a == 0 || (a == 100 && b >= 64 && b < 128) || (a == 169 && b == 254)
        || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168) || (a == 198 && (b == 18 || b == 19));
  }
}
