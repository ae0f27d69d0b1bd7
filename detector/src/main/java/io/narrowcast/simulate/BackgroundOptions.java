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
  // Measured on Java 17 with compressed references: ~172 bytes an event, 190 to 250 a name, ~61 a
  // resolver; rounded down, so that a background refused for them would certainly not have fitted.
  private static final long EVENT_BYTES = 128;
  private static final long NAME_BYTES = 128;
  private static final long RESOLVER_BYTES = 48;
  /**
   * Names alive at once, at most: the generator draws from about 99 million names and never reuses
   * one, so near that it would spend ever longer finding an unused name, and at it never end.
   */
  public static final int MAX_NAMES = 10_000_000;

  public BackgroundOptions {
    if (names < 1 || resolvers < 1 || eventsPerDay < 0) {
      throw new IllegalArgumentException("background needs at least one name and one resolver, got "
          + names + " names, " + resolvers + " resolvers, " + eventsPerDay + " lookups a day");
    }
    if (names > MAX_NAMES) {
      throw new IllegalArgumentException("background of at most " + MAX_NAMES + " names, got " + names);
    }
  }

  /**
   * The heap that generating a scenario in this background needs at the least, in bytes: its names
   * and resolvers, and one weekday's events, which the scenario holds to sort them. The audiences of
   * the names, the detector and anything else come on top.
   */
  public long minimumHeapBytes() {
    return eventsPerDay * EVENT_BYTES + names * NAME_BYTES + resolvers * RESOLVER_BYTES;
  }
}
