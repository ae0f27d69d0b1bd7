package io.narrowcast.evaluate;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.Format;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.InjectedAnomalies;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detector measured on the user's own traffic: a real log as the background, labelled anomalies
 * injected into its busiest stretch, everything replayed at windows that fit that stretch, and the
 * alerts scored. Every alert that matches no label is a false alarm, most of them the log's own.
 */
public final class BackgroundEvaluation {
  /** Sources named in the line about the injection. */
  static final int LISTED = 4;

  private BackgroundEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param files the log, in order (rotated pieces of one log)
   * @param settings the detection settings as given, defaults included
   * @param given which of the durations {@link WindowFit} derives the user set
   * @param seed of the injected anomalies
   * @param inject false to replay the log alone, where every alert is a false alarm
   */
  public record Request(List<Path> files, Format format, DetectionConfig settings, Set<String> given, long seed, boolean inject) {
    public Request {
      files = List.copyOf(files);
      given = Set.copyOf(given);
    }
  }

  /**
   * The outcome.
   *
   * @param injected the injected anomalies, or null when none were
   */
  public record Result(Request request, LogProfile profile, LogProfile.Stretch stretch, WindowFit fit, InjectedAnomalies injected,
      ReplayResult replay, Evaluation evaluation) {

    /** Alerts that matched no label. */
    public int falseAlarms() {
      int count = 0;
      for (AlertKind kind : AlertKind.values()) {
        count += evaluation.score(kind).falseAlarms().size();
      }
      return count;
    }

    /** False alarms per 10,000 of the log's events (the injected ones not counted). */
    public double falseAlarmsPer10k() {
      return falseAlarms() * 10_000.0 / profile.events();
    }

    /** What evaluate prints: the log, the window, the injection, the table, the false alarms and the misses. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add(String.format("background: %s (%s), %s", String.join(", ", request.files().stream()
          .map(f -> f.getFileName().toString()).toList()), request.format(), profile.summary().describe()));
      out.add(String.format("busiest stretch: %s .. %s UTC, %,d of its %,d events", EvaluationReport.time(Instant.ofEpochMilli(stretch.from())),
          EvaluationReport.time(Instant.ofEpochMilli(stretch.to())), stretch.events(), profile.events()));
      String derived = fit.derived().isEmpty() ? "" : "; " + String.join(", ", fit.derived()) + " follow it";
      out.add("window: " + DetectionConfig.text(fit.config().window())
          + (fit.windowChosen() ? ", chosen so that the stretch holds " + WindowFit.WINDOWS_PER_STRETCH + " or more" : ", as given")
          + derived);
      out.add(injected == null ? "injected: nothing" : String.format(Locale.ROOT,
          "injected: %d collapses and %d renames under %s, %,d lookups by %d of the log's sources (%s) and %d made-up ones beside them",
          injected.count(AlertKind.QUERIER_COLLAPSE), injected.count(AlertKind.RENAME_FOLLOW), InjectedAnomalies.SUFFIX,
          injected.events().size(), injected.realSources().size(), listed(injected.realSources()), injected.madeUpSources()));
      out.add(String.format("replayed: %,d events, %,d late (after their window closed), %,d alert messages", replay.eventsDetected(),
          replay.lateDropped(), replay.alerts().size()));
      out.add("");
      out.addAll(EvaluationReport.table(evaluation));
      out.add("");
      out.add(String.format(Locale.ROOT, "false alarms: %d, %.1f per 10,000 events of the log", falseAlarms(), falseAlarmsPer10k()));
      out.addAll(EvaluationReport.falseAlarms(evaluation));
      out.add("misses:");
      out.addAll(EvaluationReport.misses(evaluation));
      return out;
    }
  }

  /** The first few of {@code items}, and how many more there are. */
  static String listed(List<String> items) {
    String first = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
    return items.size() > LISTED ? first + " and " + (items.size() - LISTED) + " more" : first;
  }

  /**
   * Reads the log, fits the windows to it, injects, replays on an embedded broker and scores.
   *
   * @param progress where the replay's progress lines go, or null
   * @throws IllegalArgumentException when the log gives no events, or too short a stretch for the window
   */
  public static Result run(Request request, PrintStream progress) throws IOException, InterruptedException {
    LogProfile profile = LogProfile.read(request.files(), request.format(), InjectedAnomalies.SUFFIX);
    if (profile.events() == 0) {
      throw new IllegalArgumentException("the background gave no events (" + profile.summary().describe() + "); is --format "
          + request.format() + " right for it?");
    }
    LogProfile.Stretch stretch = profile.busiestStretch();
    WindowFit fit = WindowFit.of(Duration.ofMillis(stretch.millis()), request.settings(), request.given());
    DetectionConfig config = fit.config();
    InjectedAnomalies injected = request.inject() ? InjectedAnomalies.plan(
        new InjectedAnomalies.Network(profile.busiestSources(stretch.from(), stretch.to(), config.sourceGranularity()),
            profile.allSources(config.sourceGranularity()), profile.namesUnder()),
        stretch.from(), stretch.to(), config, request.seed()) : null;
    LogBackground background = new LogBackground(request.files(), request.format(), profile.summary().firstEventTime(), profile.summary().lastEventTime(),
        injected == null ? List.of() : injected.labels(), injected == null ? List.of() : injected.events());
    List<Alert> messages = new ArrayList<>();
    ReplayResult replay = Replay.scenario(background, config, 1, messages::add, progress);
    Evaluation evaluation = new Evaluation();
    evaluation.add(background, messages);
    return new Result(request, profile, stretch, fit, injected, replay, evaluation);
  }
}
