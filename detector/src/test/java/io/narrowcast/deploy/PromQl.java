package io.narrowcast.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a PromQL expression reads: its vector selectors (a metric name and label matchers) and the
 * labels it groups or matches by ({@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left}, {@code group_right}). Grafana's variables ({@code $name}, {@code ${name}}) may
 * stand where a label value, a range or a label list would.
 *
 * @param selectors in the order they appear
 * @param groupingLabels labels of the grouping and matching clauses
 */
record PromQl(List<Selector> selectors, Set<String> groupingLabels) {
  /** One label matcher: {@code label op "value"}, op one of {@code = != =~ !~}. */
  record Matcher(String label, String op, String value) {
    @Override
    public String toString() {
      return label + op + '"' + value + '"';
    }
  }

  /** A vector selector: the metric's name (from {@code __name__} when written in the braces) and the other matchers. */
  record Selector(String metric, List<Matcher> matchers) {
    @Override
    public String toString() {
      return metric + matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }
  }

  /** Words that are no metric: aggregations, keywords, set operators, constants. */
  private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk",
      "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio", "by", "without", "on", "ignoring",
      "group_left", "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  /** Parses {@code expression}; throws IllegalArgumentException where it is not PromQL as this class knows it. */
  static PromQl parse(String expression) {
    return new Parser(expression).parse();
  }

  /** The metric names of the selectors. */
  Set<String> metrics() {
    Set<String> metrics = new LinkedHashSet<>();
    selectors.forEach(s -> metrics.add(s.metric()));
    return metrics;
  }

  private static final class Parser {
    private final String text;
    private int at;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> grouping = new LinkedHashSet<>();

    Parser(String text) {
      this.text = text;
    }

    PromQl parse() {
      while (skipSpace() < text.length()) {
        char c = text.charAt(at);
        if (c == '"' || c == '\'' || c == '`') {
          string();
        } else if (c == '{') {
          selector(null);
        } else if (c == '[') {
          at = closing(']') + 1; // a range or subquery: durations and Grafana's $__rate_interval
        } else if (c == '$') {
          variable();
        } else if (Character.isDigit(c) || c == '.') {
          word(at); // a number or a duration
        } else if (isWordStart(c)) {
          identifier(word(at));
        } else {
          at++; // an operator, a comma or a parenthesis
        }
      }
      return new PromQl(List.copyOf(selectors), Set.copyOf(grouping));
    }

    private void identifier(String word) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (LABEL_LISTS.contains(lower)) {
        if (skipSpace() < text.length() && text.charAt(at) == '(') {
          int end = closing(')');
          for (String label : text.substring(at + 1, end).split(",")) {
            if (!label.isBlank()) {
              grouping.add(label.strip());
            }
          }
          at = end + 1;
        }
      } else if (!KEYWORDS.contains(lower) && !(skipSpace() < text.length() && text.charAt(at) == '(')) {
        if (at < text.length() && text.charAt(at) == '{') {
          selector(word);
        } else {
          selectors.add(new Selector(word, List.of()));
        }
      }
    }

    /** Reads {@code {matchers}} at the cursor, for the metric {@code name} or, when null, the one {@code __name__} names. */
    private void selector(String name) {
      at++;
      List<Matcher> matchers = new ArrayList<>();
      String metric = name;
      while (skipSpace() < text.length() && text.charAt(at) != '}') {
        String label = word(at);
        skipSpace();
        int opStart = at;
        while (at < text.length() && "=!~".indexOf(text.charAt(at)) >= 0) {
          at++;
        }
        String op = text.substring(opStart, at);
        if (label.isEmpty() || !List.of("=", "!=", "=~", "!~").contains(op)) {
          throw new IllegalArgumentException("not a label matcher at " + opStart + " of " + text);
        }
        skipSpace();
        String value = string();
        if (label.equals("__name__") && op.equals("=")) {
          metric = value;
        } else {
          matchers.add(new Matcher(label, op, value));
        }
        if (skipSpace() < text.length() && text.charAt(at) == ',') {
          at++;
        }
      }
      if (metric == null) {
        throw new IllegalArgumentException("a selector without a metric name in " + text);
      }
      at++;
      selectors.add(new Selector(metric, List.copyOf(matchers)));
    }

    /** Passes over the Grafana variable at the cursor: $name or ${name}. */
    private void variable() {
      if (at + 1 < text.length() && text.charAt(at + 1) == '{') {
        at++;
        at = closing('}') + 1;
      } else {
        word(at + 1);
      }
    }

    /** Reads a quoted string at the cursor and returns its value, escapes resolved. */
    private String string() {
      char quote = text.charAt(at);
      if (quote != '"' && quote != '\'' && quote != '`') {
        throw new IllegalArgumentException("a string expected at " + at + " of " + text);
      }
      StringBuilder value = new StringBuilder();
      for (at++; at < text.length() && text.charAt(at) != quote; at++) {
        if (text.charAt(at) == '\\' && quote != '`') {
          at++;
        }
        value.append(text.charAt(at));
      }
      if (at == text.length()) {
        throw new IllegalArgumentException("an unclosed string in " + text);
      }
      at++;
      return value.toString();
    }

    /** Reads the word (letters, digits, _, : and . of numbers) from {@code start}, the cursor moving past it. */
    private String word(int start) {
      at = start;
      while (at < text.length() && (isWordStart(text.charAt(at)) || Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
        at++;
      }
      return text.substring(start, at);
    }

    /** Where the bracket that closes the one at the cursor is; brackets within strings do not count. */
    private int closing(char close) {
      for (int i = at + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == close) {
          return i;
        }
        if (c == '"' || c == '\'') {
          i = text.indexOf(c, i + 1);
          if (i < 0) {
            break;
          }
        }
      }
      throw new IllegalArgumentException("no " + close + " after " + at + " in " + text);
    }

    private int skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      return at;
    }

    private static boolean isWordStart(char c) {
      return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }
}
