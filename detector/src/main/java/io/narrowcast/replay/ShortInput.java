package io.narrowcast.replay;

import io.narrowcast.alert.AlertText;
import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rules an input is too short to engage: a replay of a 20-minute capture with rules on a scale
 * of days finds nothing, and should say why rather than look like traffic without anomalies.
 */
public final class ShortInput {
  private ShortInput() {}

  /**
   * One line per rule that cannot engage on an input watched from {@code first}, the time of its first
   * accepted event (the detector starts there), to {@code last}, its latest (epoch milliseconds); none
   * when nothing was accepted.
   */
  public static List<String> notes(DetectionConfig config, long first, long last) {
    List<String> notes = new ArrayList<>();
    if (first > last) {
      return notes;
    }
    long window = config.windowMs();
    long firstWindow = config.windowStart(first);
    long lastWindow = config.windowStart(last);
    long windows = (lastWindow - firstWindow) / window + 1;
    String spans = "the input spans " + AlertText.human(Duration.ofMillis(last - first)) + " (" + windows + " window(s) of "
        + DetectionConfig.text(config.window()) + ")";
    int collapseWindows = config.minBaselineWindows() + config.minNarrowWindows();
    if (windows < collapseWindows) {
      notes.add(spans + ", fewer than the " + collapseWindows + " a collapse needs (--min-baseline-windows "
          + config.minBaselineWindows() + ", then --min-narrow-windows " + config.minNarrowWindows()
          + "): no collapse can open");
    }
    // the detector has watched since the first window; a name is new in a window the lookback after it,
    // and a rename's once new names have been seen for a lag (NameLifecycle: warming up)
    long watched = lastWindow - firstWindow;
    String lookback = DetectionConfig.text(config.newNameLookback());
    if (watched < config.newNameLookback().toMillis()) {
      notes.add(spans + ", less than --new-name-lookback " + lookback + ": no name can be newly seen, so no rename can be found");
    } else if (watched < config.newNameLookback().plus(config.renameMaxLag()).toMillis()) {
      notes.add(spans + ", less than --new-name-lookback " + lookback + " and then --rename-max-lag "
          + DetectionConfig.text(config.renameMaxLag()) + ": names can be newly seen, but no rename can be found "
          + "until the new names each source takes up have been seen for a lag");
    }
    if (windows < config.minActiveWindows()) {
      notes.add(spans + ", fewer than --min-active-windows " + config.minActiveWindows() + ": no name can go dark");
    } else if (firstWindow + (config.minActiveWindows() - 1L) * window + config.darkAfter().toMillis() > lastWindow + window) {
      // silence is decided once dark-after has passed, which must happen before the last window closes
      notes.add(spans + ", too short for a name queried in --min-active-windows " + config.minActiveWindows()
          + " windows to be silent for --dark-after " + DetectionConfig.text(config.darkAfter())
          + " after them: no name can go dark by silence, only by NXDOMAIN");
    }
    return notes;
  }
}
