package io.narrowcast.simulate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Samples 0..n-1 with probability proportional to fixed weights, in O(log n). */
final class Weighted {
  private final double[] cumulative;

  Weighted(double[] weights) {
    if (weights.length < 1) {
      throw new IllegalArgumentException("need at least one weight");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  /** Zipf: item i has weight 1 / (i + 1)^exponent. */
  static Weighted zipf(int n, double exponent) {
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = 1.0 / Math.pow(i + 1, exponent);
    }
    return new Weighted(weights);
  }

  int sample(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int at = Arrays.binarySearch(cumulative, target);
    return Math.min(at >= 0 ? at + 1 : -at - 1, cumulative.length - 1);
  }

  /** Probability of item {@code i}. */
  double probability(int i) {
    double previous = i == 0 ? 0 : cumulative[i - 1];
    return (cumulative[i] - previous) / cumulative[cumulative.length - 1];
  }
}
