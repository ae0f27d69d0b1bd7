package io.narrowcast.state;

/** What a lookup's response said about the name. */
public enum Outcome {
  /** NOERROR: the name exists (with or without data of the asked type). */
  ANSWERED,
  /** NXDOMAIN: the name does not exist. */
  NXDOMAIN,
  /** Any other code, or no response seen. */
  OTHER;

  private static final int NOERROR = 0;
  private static final int NXDOMAIN_CODE = 3;

  /** The outcome of a numeric RCODE, null meaning no response was seen. */
  public static Outcome ofRcode(Integer rcode) {
    if (rcode == null) {
      return OTHER;
    }
    return rcode == NOERROR ? ANSWERED : rcode == NXDOMAIN_CODE ? NXDOMAIN : OTHER;
  }
}
