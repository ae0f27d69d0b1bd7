package io.narrowcast.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Zeek dns.log in its ASCII (TSV) form. Header-driven: the {@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field} and {@code #fields} lines decide how rows are read, so
 * logs with extra or reordered columns parse too. A new header block (log rotation, concatenated
 * files) replaces the previous one.
 */
public final class ZeekTsvParser implements RecordParser {
  private final String sensor;
  private String separator = "\t";
  private String setSeparator = ",";
  private String emptyField = "(empty)";
  private String unsetField = "-";
  private Map<String, Integer> columns;
  private int columnCount;

  public ZeekTsvParser(String sensor) {
    this.sensor = sensor;
  }

  @Override
  public ParseResult parse(String line) {
    if (line.isEmpty()) {
      return ParseResult.META;
    }
    if (line.charAt(0) == '#') {
      header(line);
      return ParseResult.META;
    }
    if (columns == null) {
      return new ParseResult.Rejected(RejectReason.UNPARSABLE, "data line before the #fields header");
    }
    String[] values = split(line, separator);
    if (values.length != columnCount) {
      return new ParseResult.Rejected(RejectReason.UNPARSABLE,
          "expected " + columnCount + " fields, found " + values.length);
    }
    return new ZeekFields(
        value(values, "ts"), value(values, "id.orig_h"), value(values, "id.orig_p"),
        value(values, "id.resp_p"), value(values, "proto"), value(values, "query"),
        value(values, "qtype"), value(values, "qtype_name"), value(values, "rcode"),
        vector(values, "answers"), vector(values, "TTLs"))
        .toResult(sensor);
  }

  @Override
  public boolean readsHeaders() {
    return true;
  }

  private void header(String line) {
    int space = firstSeparator(line);
    String directive = space < 0 ? line : line.substring(0, space);
    String rest = space < 0 ? "" : line.substring(space + 1);
    switch (directive) {
      case "#separator" -> {
        String unescaped = unescape(rest);
        separator = unescaped.isEmpty() ? separator : unescaped;
      }
      case "#set_separator" -> setSeparator = rest.isEmpty() ? setSeparator : rest;
      case "#empty_field" -> emptyField = rest;
      case "#unset_field" -> unsetField = rest;
      case "#fields" -> {
        String[] names = split(rest, separator);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
          index.put(names[i], i);
        }
        columns = index;
        columnCount = names.length;
      }
      default -> { } // #path, #open, #close, #types and comments carry nothing we need
    }
  }

  /** "#separator \x09" uses a space; every other directive uses the separator itself. */
  private int firstSeparator(String line) {
    if (line.startsWith("#separator ")) {
      return "#separator".length();
    }
    return line.indexOf(separator);
  }

  private String value(String[] values, String column) {
    Integer index = columns.get(column);
    if (index == null) {
      return null;
    }
    String value = values[index];
    return value.equals(unsetField) ? null : value.equals(emptyField) ? "" : value;
  }

  private List<String> vector(String[] values, String column) {
    String value = value(values, column);
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList(split(value, setSeparator)));
  }

  private static String[] split(String text, String separator) {
    return text.split(Pattern.quote(separator), -1);
  }

  /** Zeek writes the separator as a \xNN escape; anything else is taken literally. */
  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("\\x", i) && i + 4 <= text.length() && isHex(text, i + 2) && isHex(text, i + 3)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
        i += 4;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private static boolean isHex(String text, int at) {
    return Character.digit(text.charAt(at), 16) >= 0;
  }
}
