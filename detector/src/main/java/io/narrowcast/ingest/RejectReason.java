package io.narrowcast.ingest;

import java.util.Locale;

/** Why an input record was refused. The list is fixed: dashboards and the dead-letter topic rely on it. */
public enum RejectReason {
  UNPARSABLE,
  MISSING_FIELD,
  BAD_ADDRESS,
  NAME_TOO_LONG,
  LABEL_TOO_LONG,
  BAD_CHARACTERS,
  TIME_OUT_OF_RANGE,
  RECORD_TOO_LARGE;

  /** The reason as written in summaries and in the dead-letter header, e.g. "missing field". */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
