package io.narrowcast.query;

import java.time.Instant;
import java.util.List;

/** Finds the querier sets of a domain among the running instances. */
@FunctionalInterface
public interface QuerierSets {
  /**
   * The windows of {@code domainKey} that overlap [{@code from}, {@code to}], when this instance holds
   * them; otherwise where they are, or why nobody can answer now.
   */
  Answer find(String domainKey, Instant from, Instant to);

  /** Where the answer is. */
  sealed interface Answer {
    /** This instance owns the domain: here are its windows, oldest first; {@code servedBy} is this instance. */
    record Found(String servedBy, List<DomainQueriers.Window> windows) implements Answer {
      public Found {
        windows = List.copyOf(windows);
      }
    }

    /** Another instance owns the domain; {@code hostPort} is its advertised HTTP address. */
    record Elsewhere(String hostPort) implements Answer {}

    /** Nobody can answer now (starting, rebalancing, restoring state); worth retrying. */
    record Unavailable(String reason) implements Answer {}
  }
}
