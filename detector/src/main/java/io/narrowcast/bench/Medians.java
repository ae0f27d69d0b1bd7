package io.narrowcast.bench;

import java.util.List;

/** The middle of a few measurements: one slow or fast run on a shared machine does not move it. */
final class Medians {
  private Medians() {}

  /** The median of {@code values}; the mean of the middle two for an even count. */
  static double of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
