package io.narrowcast.topology;

import io.narrowcast.avro.Alert;
import io.narrowcast.detect.RenameCandidate;

/** What the aggregating processor sends on: alerts, and rename candidates for the matcher. */
sealed interface DetectorOutput {
  record AlertOut(Alert alert) implements DetectorOutput {}

  record CandidateOut(RenameCandidate candidate) implements DetectorOutput {}
}
