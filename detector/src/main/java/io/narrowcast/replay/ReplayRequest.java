package io.narrowcast.replay;

import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.Format;
import io.narrowcast.topics.DeadLetter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to replay and how.
 *
 * @param files input logs, in order
 * @param format their format
 * @param config detection settings
 * @param partitions partitions of the topics on the embedded broker
 * @param onAlert called with each alert as it is committed
 * @param progress where progress lines go (stderr), or null for none
 * @param reportDir where to write an HTML report per alert, or null for none
 * @param onDeadLetter called with each dead letter of the replay (ingest's and the detector's), in the
 *     order written, once the detector is done; null to leave them unread
 */
public record ReplayRequest(List<Path> files, Format format, DetectionConfig config, int partitions, Consumer<Alert> onAlert,
    PrintStream progress, Path reportDir, Consumer<DeadLetter> onDeadLetter) {

  public ReplayRequest {
    files = List.copyOf(files);
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
  }

  /** A replay whose dead letters are left unread. */
  public ReplayRequest(List<Path> files, Format format, DetectionConfig config, int partitions, Consumer<Alert> onAlert,
      PrintStream progress, Path reportDir) {
    this(files, format, config, partitions, onAlert, progress, reportDir, null);
  }

  /** A replay without reports, its dead letters left unread. */
  public ReplayRequest(
      List<Path> files, Format format, DetectionConfig config, int partitions, Consumer<Alert> onAlert, PrintStream progress) {
    this(files, format, config, partitions, onAlert, progress, null);
  }
}
