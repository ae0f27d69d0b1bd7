package io.narrowcast.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The configuration a command runs with, one line a setting with where its value came from (flag,
 * environment, file, default), secrets masked, for the start of a long-running command's output.
 */
final class EffectiveConfiguration {
  static final String MASK = "******";
  /** Settings whose values are secrets; a file or location that holds one is not. */
  private static final Pattern SECRET = Pattern.compile("password|secret|token|jaas|credential|user\\.info|\\.key$");
  private static final Pattern REFERENCE = Pattern.compile("(file|location|path)$");
  private static final String LINE = "  %-28s %-40s (%s)";

  private EffectiveConfiguration() {}

  /**
   * The lines for every option of {@code spec} (help options aside), then {@code kafka}'s entries
   * sorted by key with {@code kafkaOrigin} as their origin. {@code derived}: the values, by long name
   * without dashes, of options whose default follows other settings (the durations that follow --window).
   *
   * @param unused why an option (by its long name without dashes) does not apply to this run, as with
   *     the embedded broker's port when a cluster is given: its line says so after its origin
   */
  static List<String> describe(CommandSpec spec, ConfigDefaults defaults, Map<String, String> derived,
      Map<String, ?> kafka, String kafkaOrigin, Map<String, String> unused) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> lines = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      boolean given = parsed != null && parsed.hasMatchedOption(option);
      String origin = given ? "flag" : defaults == null ? "default" : defaults.origin(option);
      String name = option.longestName().replaceFirst("^-+", "");
      String text = text(option, given, defaults);
      String why = unused.get(name);
      lines.add(line(name, show(name, text.isEmpty() ? derived.getOrDefault(name, "") : text),
          why == null ? origin : origin + "; unused: " + why));
    }
    new TreeMap<>(kafka).forEach((key, value) -> lines.add(line(key, show(key, String.valueOf(value)), kafkaOrigin)));
    return lines;
  }

  /** True when the setting {@code key} holds a secret (a password, a token, a JAAS line, a private key). */
  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET.matcher(lower).find() && !REFERENCE.matcher(lower).find();
  }

  private static String show(String key, String value) {
    return isSecret(key) && !value.isEmpty() ? MASK : value;
  }

  /** The value as the user wrote it (flag, variable or file), else the option's default. */
  private static String text(OptionSpec option, boolean given, ConfigDefaults defaults) {
    if (given) {
      return String.join(",", option.originalStringValues());
    }
    String configured = defaults == null ? null : defaults.defaultValue(option);
    String value = configured != null ? configured : option.defaultValue();
    return value == null ? "" : value;
  }

  private static String line(String key, String value, String origin) {
    return String.format(Locale.ROOT, LINE, key, value.isEmpty() ? "-" : value, origin);
  }
}
