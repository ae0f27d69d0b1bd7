package io.narrowcast.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Values for the options a command line leaves out, first found wins:
 * <ol>
 *   <li>the environment variable {@code NARROWCAST_} + the long option name in upper case with
 *       underscores ({@code --bootstrap-servers} → {@code NARROWCAST_BOOTSTRAP_SERVERS});
 *   <li>the key of the long option name without dashes ({@code bootstrap-servers=...}) in the
 *       properties file named by {@code --config FILE} or {@code NARROWCAST_CONFIG};
 *   <li>the option's own default.
 * </ol>
 * Picocli asks a default provider only about options missing from the command line: flags win.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  static final String ENV_PREFIX = "NARROWCAST_";
  static final String CONFIG_OPTION = "--config";

  private final Map<String, String> env;
  private final Optional<Path> file;
  private final Properties properties;

  private ConfigDefaults(Map<String, String> env, Optional<Path> file, Properties properties) {
    this.env = Map.copyOf(env);
    this.file = file;
    this.properties = properties;
  }

  /**
   * The defaults for a command line: the properties file is the one {@code args} name with
   * {@code --config}, else the one {@code NARROWCAST_CONFIG} names, else none.
   *
   * @throws UserException when that file cannot be read
   */
  static ConfigDefaults load(Map<String, String> env, String... args) {
    Optional<Path> file = configFile(args).or(() -> Optional.ofNullable(env.get(envName(CONFIG_OPTION)))).map(Path::of);
    Properties properties = new Properties();
    if (file.isPresent()) {
      try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UserException("cannot read the configuration file " + file.get() + OutputFile.why(e));
      } catch (IllegalArgumentException e) { // a malformed unicode escape
        throw new UserException("cannot read the configuration file " + file.get() + ": " + e.getMessage());
      }
    }
    return new ConfigDefaults(env, file, properties);
  }

  private static Optional<String> configFile(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith(CONFIG_OPTION + "=")) {
        return Optional.of(args[i].substring(CONFIG_OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String fromEnv = env.get(envName(option.longestName()));
    return fromEnv != null ? fromEnv : properties.getProperty(key(option.longestName()));
  }

  /** Where the value of {@code option} comes from when the command line does not give it. */
  String origin(OptionSpec option) {
    String variable = envName(option.longestName());
    if (env.containsKey(variable)) {
      return "environment " + variable;
    }
    if (properties.containsKey(key(option.longestName()))) {
      return "file " + file.orElseThrow();
    }
    return "default";
  }

  /** Keys of the properties file that name none of {@code options}: most likely typing mistakes. */
  Set<String> unknownKeys(Iterable<OptionSpec> options) {
    Set<String> known = new HashSet<>();
    options.forEach(option -> known.add(key(option.longestName())));
    return properties.stringPropertyNames().stream().filter(k -> !known.contains(k))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  Optional<Path> file() {
    return file;
  }

  static String envName(String option) {
    return ENV_PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String key(String option) {
    return option.replaceFirst("^-+", "");
  }
}
