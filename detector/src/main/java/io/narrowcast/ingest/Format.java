package io.narrowcast.ingest;

import java.util.function.Function;

/** Input formats, as named on the command line. All are lines of text except dnstap, which is framed binary. */
public enum Format {
  ZEEK("zeek", ZeekTsvParser::new),
  ZEEK_JSON("zeek-json", ZeekJsonParser::new),
  SURICATA("suricata", SuricataEveParser::new),
  BIND("bind", BindQueryParser::new),
  DNSTAP("dnstap", null),
  JSONL("jsonl", JsonlEventParser::new);

  private final String cliName;
  private final Function<String, RecordParser> factory;

  Format(String cliName, Function<String, RecordParser> factory) {
    this.cliName = cliName;
    this.factory = factory;
  }

  /** Whether the format is read line by line with {@link #newParser}; dnstap is read as Frame Streams. */
  public boolean isLines() {
    return factory != null;
  }

  /**
   * A fresh parser; {@code sensor} names the events' sensor when the format does not.
   *
   * @throws UnsupportedOperationException for dnstap, which has frames, not lines ({@link DnstapDecoder})
   */
  public RecordParser newParser(String sensor) {
    if (factory == null) {
      throw new UnsupportedOperationException(cliName + " is framed binary, not lines");
    }
    return factory.apply(sensor);
  }

  public String cliName() {
    return cliName;
  }

  /** The format named {@code name} on the command line. */
  public static Format fromCliName(String name) {
    for (Format format : values()) {
      if (format.cliName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "', expected one of " + names());
  }

  public static String names() {
    StringBuilder out = new StringBuilder();
    for (Format format : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(format.cliName);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return cliName;
  }
}
