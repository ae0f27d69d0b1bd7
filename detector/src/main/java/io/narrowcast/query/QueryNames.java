package io.narrowcast.query;

import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.normalize.DomainNames;

/** The name of a query, normalized as events' names are; the same check for the endpoint and the query command. */
public final class QueryNames {
  private QueryNames() {}

  /**
   * The normalized name.
   *
   * @throws IllegalArgumentException naming {@code raw}, what is wrong with it and, for a character, what a name holds
   */
  public static String normalize(String raw) {
    try {
      return DomainNames.normalize(raw);
    } catch (InvalidRecordException e) {
      String hint = e.reason() == RejectReason.BAD_CHARACTERS ? "; " + DomainNames.WHAT_A_NAME_HOLDS : "";
      throw new IllegalArgumentException("'" + raw + "' is not a DNS name: " + e.getMessage() + hint);
    }
  }
}
