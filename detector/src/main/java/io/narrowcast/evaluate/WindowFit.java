package io.narrowcast.evaluate;

import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Detection settings whose durations fit a log's busiest stretch: a 23-minute capture needs minute
 * windows, and every duration measured in days at the defaults would leave it nothing to find.
 *
 * <p>Unless given, the window is the longest of a ladder of round lengths that the stretch holds
 * {@value #WINDOWS_PER_STRETCH} times. The other durations not given follow the window as
 * DetectionConfig's defaults do, but for the new-name lookback, at most a quarter of the stretch
 * (else no name could be new in it).
 *
 * @param config the settings to evaluate with
 * @param windowChosen true when the window was chosen from the stretch, false when given
 * @param derived the durations that follow the window, as "flag value" ("dark-after 3m"), in flag order
 */
public record WindowFit(DetectionConfig config, boolean windowChosen, List<String> derived) {
  /** Windows to choose from, shortest first. */
  static final List<Duration> WINDOWS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
      Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6),
      Duration.ofHours(12), Duration.ofDays(1));
  /** A chosen window fits this many times into the stretch: room for baselines, narrow windows and lags. */
  static final int WINDOWS_PER_STRETCH = 20;
  static final int MIN_LOOKBACK_WINDOWS = 3;

  /** The flags whose values follow the window when they are not given. */
  public static final String WINDOW = "window";
  public static final String GRACE = "grace";
  public static final String DARK_AFTER = "dark-after";
  public static final String RENAME_MAX_LAG = "rename-max-lag";
  public static final String NEW_NAME_LOOKBACK = "new-name-lookback";
  public static final String LIFECYCLE_TTL = "lifecycle-ttl";

  /**
   * The settings for a log whose busiest stretch lasts {@code stretch}.
   *
   * @param settings the settings as given, defaults included
   * @param given which of the flags above the user set (on the command line, in the environment or a file)
   * @throws IllegalArgumentException when no window was given and the stretch is too short for the shortest
   */
  public static WindowFit of(Duration stretch, DetectionConfig settings, Set<String> given) {
    boolean choose = !given.contains(WINDOW);
    Duration window = choose ? choose(stretch) : settings.window();
    DetectionConfig.Builder builder = settings.toBuilder().window(window);
    // not given: unset, so that they follow the window as the defaults do
    Map<String, Consumer<Duration>> followers = new LinkedHashMap<>();
    followers.put(GRACE, builder::grace);
    followers.put(DARK_AFTER, builder::darkAfter);
    followers.put(RENAME_MAX_LAG, builder::renameMaxLag);
    followers.put(NEW_NAME_LOOKBACK, builder::newNameLookback);
    followers.put(LIFECYCLE_TTL, builder::lifecycleTtl);
    followers.forEach((flag, setter) -> {
      if (!given.contains(flag)) {
        setter.accept(null);
      }
    });
    long quarter = Math.max(MIN_LOOKBACK_WINDOWS, stretch.dividedBy(window) / 4);
    if (!given.contains(NEW_NAME_LOOKBACK) && quarter < DetectionConfig.LOOKBACK_WINDOWS) {
      builder.newNameLookback(window.multipliedBy(quarter));
    }
    DetectionConfig config = builder.build();
    Map<String, Duration> values = Map.of(GRACE, config.grace(), DARK_AFTER, config.darkAfter(),
        RENAME_MAX_LAG, config.renameMaxLag(), NEW_NAME_LOOKBACK, config.newNameLookback(),
        LIFECYCLE_TTL, config.lifecycleTtl());
    List<String> derived = followers.keySet().stream().filter(flag -> !given.contains(flag))
        .map(flag -> flag + " " + DetectionConfig.text(values.get(flag))).toList();
    return new WindowFit(config, choose, derived);
  }

  /** The longest window of the ladder that the stretch holds {@value #WINDOWS_PER_STRETCH} times. */
  static Duration choose(Duration stretch) {
    Duration shortest = WINDOWS.get(0);
    if (stretch.compareTo(shortest.multipliedBy(WINDOWS_PER_STRETCH)) < 0) {
      throw new IllegalArgumentException("the log's busiest stretch lasts " + stretch.toSeconds() + "s, too short for "
          + WINDOWS_PER_STRETCH + " windows of " + DetectionConfig.text(shortest) + ": give a log of at least "
          + DetectionConfig.text(shortest.multipliedBy(WINDOWS_PER_STRETCH)) + " of traffic, or a --window");
    }
    Duration chosen = shortest;
    for (Duration window : WINDOWS) {
      if (stretch.compareTo(window.multipliedBy(WINDOWS_PER_STRETCH)) >= 0) {
        chosen = window;
      }
    }
    return chosen;
  }
}
