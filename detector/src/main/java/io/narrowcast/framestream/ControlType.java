package io.narrowcast.framestream;

/** The control frames of the Frame Streams protocol, with their codes on the wire. */
public enum ControlType {
  /** Reader to writer: the content type offered in READY is acceptable. */
  ACCEPT(0x01),
  /** Writer: data frames of one content type follow. */
  START(0x02),
  /** Writer: no more data frames. */
  STOP(0x03),
  /** Writer to reader (bidirectional only): the content types it can send. */
  READY(0x04),
  /** Reader to writer (bidirectional only): STOP received, the connection may close. */
  FINISH(0x05);

  private final int code;

  ControlType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with this code, or null for a code the protocol does not define. */
  static ControlType of(int code) {
    for (ControlType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
