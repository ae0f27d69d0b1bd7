package io.narrowcast.metrics;

import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * When each rule can first raise an alert: a fresh detector has no baseline and has watched no name
 * long enough to call it new. A collapse needs min-baseline-windows windows with lookups before a
 * streak of min-narrow-windows narrow ones; a rename needs a name newly seen, which nothing is before
 * the detector has watched for new-name-lookback, then new names seen for rename-max-lag (until then no
 * source's rate of taking up new names is known, see NameLifecycle), and that name's first window to end. Counted from
 * the first window the detector watched, in event time.
 *
 * @param rule {@code collapse} or {@code rename}
 * @param after how long after the start of the first watched window
 * @param why the settings that make it so
 */
public record WarmUp(String rule, Duration after, String why) {
  /** Both rules under {@code config}. */
  public static List<WarmUp> of(DetectionConfig config) {
    return List.of(
        new WarmUp("collapse", config.window().multipliedBy(config.minBaselineWindows() + config.minNarrowWindows()),
            "--min-baseline-windows " + config.minBaselineWindows() + " and --min-narrow-windows "
                + config.minNarrowWindows() + " windows of " + DetectionConfig.text(config.window())),
        new WarmUp("rename", config.newNameLookback().plus(config.renameMaxLag()).plus(config.window()),
            "--new-name-lookback " + DetectionConfig.text(config.newNameLookback()) + ", --rename-max-lag "
                + DetectionConfig.text(config.renameMaxLag()) + " and a window of " + DetectionConfig.text(config.window())));
  }

  /** The event time from which this rule can alert, once a first window is known. */
  public OptionalLong ableFrom(OptionalLong watchedSince) {
    return watchedSince.isEmpty() ? OptionalLong.empty() : OptionalLong.of(watchedSince.getAsLong() + after.toMillis());
  }

  /**
   * One line: "collapse: still learning, able to alert from 2016-01-06T00:00:00Z (...); event time
   * 2016-01-03T00:00:00Z", or before a first window is known, "collapse: able to alert 5d of event time after ...".
   */
  public String describe(OptionalLong watchedSince, OptionalLong eventTime) {
    OptionalLong from = ableFrom(watchedSince);
    if (from.isEmpty()) {
      return rule + ": able to alert " + DetectionConfig.text(after) + " of event time after the first window the "
          + "detector watched (" + why + ")";
    }
    String now = eventTime.isEmpty() ? "" : "; event time " + Instant.ofEpochMilli(eventTime.getAsLong());
    boolean learning = eventTime.isEmpty() || eventTime.getAsLong() < from.getAsLong();
    return rule + ": " + (learning ? "still learning, " : "") + "able to alert from " + Instant.ofEpochMilli(from.getAsLong())
        + " (" + DetectionConfig.text(after) + " after the first window watched, " + why + ")" + now;
  }
}
