package io.narrowcast.simulate;

/**
 * Size of the ordinary traffic around a scenario's anomalies.
 *
 * @param names names alive at any time (default 3,000)
 * @param resolvers distinct querying resolvers (default 4,000)
 * @param eventsPerDay lookups on a weekday (default 4,000; weekends fewer)
 */
public record BackgroundOptions(int names, int resolvers, int eventsPerDay) {
  public static final BackgroundOptions DEFAULT = new BackgroundOptions(3_000, 4_000, 4_000);

  public BackgroundOptions {
    if (names < 1 || resolvers < 1 || eventsPerDay < 0) {
      throw new IllegalArgumentException("background needs at least one name and one resolver, got "
          + names + " names, " + resolvers + " resolvers, " + eventsPerDay + " lookups a day");
    }
  }
}
