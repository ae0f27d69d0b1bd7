package io.narrowcast.topology;

import io.narrowcast.avro.Alert;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.eventtime.Mark;

/** What the aggregating processor sends on: alerts, rename candidates for the matcher, and its progress marks. */
sealed interface DetectorOutput {
  record AlertOut(Alert alert) implements DetectorOutput {}

  record CandidateOut(RenameCandidate candidate) implements DetectorOutput {}

  record MarkOut(Mark mark) implements DetectorOutput {}
}
