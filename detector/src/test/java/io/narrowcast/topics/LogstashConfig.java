package io.narrowcast.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enough of Logstash's pipeline syntax to check a pipeline file: sections (input, filter, output)
 * of plugins with {@code name => value} settings, values being strings, numbers, barewords, arrays
 * and hashes; {@code #} comments. Conditionals are refused, as this project's pipelines have none.
 */
final class LogstashConfig {
  /** One plugin block, e.g. kafka { topics => [...] }. */
  record Plugin(String name, Map<String, Object> settings) {}

  private final String text;
  private int at;

  private LogstashConfig(String text) {
    this.text = text;
  }

  /** Section name to its plugins, in file order. */
  static Map<String, List<Plugin>> parse(String text) {
    LogstashConfig parser = new LogstashConfig(text);
    Map<String, List<Plugin>> sections = new LinkedHashMap<>();
    while (parser.skipSpace()) {
      String section = parser.word();
      parser.expect('{');
      List<Plugin> plugins = sections.computeIfAbsent(section, s -> new ArrayList<>());
      while (parser.peekIsNot('}')) {
        plugins.add(parser.plugin());
      }
      parser.expect('}');
    }
    return sections;
  }

  private Plugin plugin() {
    String name = word();
    if (name.equals("if") || name.equals("else")) {
      throw error("conditionals are not supported");
    }
    expect('{');
    Map<String, Object> settings = new LinkedHashMap<>();
    while (peekIsNot('}')) {
      String key = word();
      expectArrow();
      settings.put(key, value());
    }
    expect('}');
    return new Plugin(name, settings);
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(at);
    if (c == '"' || c == '\'') {
      return string();
    }
    if (c == '[') {
      at++;
      List<Object> items = new ArrayList<>();
      while (peekIsNot(']')) {
        items.add(value());
        skipComma();
      }
      expect(']');
      return items;
    }
    if (c == '{') {
      at++;
      Map<String, Object> hash = new LinkedHashMap<>();
      while (peekIsNot('}')) {
        String key = text.charAt(at) == '"' || text.charAt(at) == '\'' ? string() : word();
        expectArrow();
        hash.put(key, value());
        skipComma();
      }
      expect('}');
      return hash;
    }
    return word();
  }

  private String string() {
    char quote = text.charAt(at++);
    StringBuilder out = new StringBuilder();
    while (at < text.length() && text.charAt(at) != quote) {
      char c = text.charAt(at++);
      if (c == '\\' && at < text.length()) {
        c = text.charAt(at++);
      }
      out.append(c);
    }
    if (at >= text.length()) {
      throw error("unterminated string");
    }
    at++;
    return out.toString();
  }

  private String word() {
    skipSpace();
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "_-.@".indexOf(text.charAt(at)) >= 0)) {
      at++;
    }
    if (start == at) {
      throw error("expected a name");
    }
    return text.substring(start, at);
  }

  private void expectArrow() {
    skipSpace();
    if (!text.startsWith("=>", at)) {
      throw error("expected =>");
    }
    at += 2;
  }

  private void expect(char c) {
    skipSpace();
    if (at >= text.length() || text.charAt(at) != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private boolean peekIsNot(char c) {
    if (!skipSpace()) {
      throw error("unexpected end, expected '" + c + "'");
    }
    return text.charAt(at) != c;
  }

  private void skipComma() {
    skipSpace();
    if (at < text.length() && text.charAt(at) == ',') {
      at++;
    }
  }

  /** Skips blanks and comments; false at the end of the text. */
  private boolean skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '#') {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      } else if (Character.isWhitespace(c)) {
        at++;
      } else {
        return true;
      }
    }
    return false;
  }

  private IllegalArgumentException error(String what) {
    int line = (int) text.substring(0, Math.min(at, text.length())).chars().filter(c -> c == '\n').count() + 1;
    return new IllegalArgumentException(what + " at line " + line);
  }
}
