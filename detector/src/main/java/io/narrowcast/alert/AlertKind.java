package io.narrowcast.alert;

/** The kinds of alert; their names are the {@code kind} field of the alert contract. */
public enum AlertKind {
  QUERIER_COLLAPSE("qc"),
  RENAME_FOLLOW("rf");

  private final String idPrefix;

  AlertKind(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** Short prefix of alert ids of this kind, so that an id says what it is. */
  public String idPrefix() {
    return idPrefix;
  }
}
