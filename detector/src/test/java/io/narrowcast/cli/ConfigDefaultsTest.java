package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Where run's options come from: flags, then NARROWCAST_* variables, then the --config file, then defaults. */
class ConfigDefaultsTest {
  @TempDir
  Path dir;

  /** run parsed (not run) with {@code env} and {@code args}. */
  static RunCommand parse(Map<String, String> env, String... args) {
    RunCommand run = new RunCommand();
    CommandLine cli = new CommandLine(run);
    cli.setDefaultValueProvider(ConfigDefaults.load(env, args));
    cli.parseArgs(args);
    return run;
  }

  Path file(String... lines) throws IOException {
    Path file = dir.resolve("narrowcast.properties");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
    Path config = file("application-id=from-file", "bootstrap-servers=file:9092", "window=1h", "standby-replicas=2");
    Map<String, String> env = Map.of("NARROWCAST_BOOTSTRAP_SERVERS", "env:9092", "NARROWCAST_WINDOW", "2h");

    RunCommand run = parse(env, "--config", config.toString(), "--window", "3h");

    assertThat(run.detection.window).isEqualTo(Duration.ofHours(3));       // flag over environment and file
    assertThat(run.bootstrapServers).isEqualTo("env:9092");                // environment over file
    assertThat(run.applicationId).isEqualTo("from-file");                  // file over default
    assertThat(run.standbyReplicas).isEqualTo(2);
    assertThat(run.streamThreads).isEqualTo(1);                            // default
    assertThat(run.detection.baselineWindows).isEqualTo(14);
  }

  @Test
  void theFileCanBeNamedByTheEnvironmentOrWithAnEqualsSign() throws IOException {
    Path config = file("application-id=named");

    assertThat(parse(Map.of("NARROWCAST_CONFIG", config.toString())).applicationId).isEqualTo("named");
    assertThat(parse(Map.of(), "--config=" + config).applicationId).isEqualTo("named");
  }

  @Test
  void aNegatableFlagCanBeSwitchedOffFromTheEnvironment() {
    assertThat(parse(Map.of()).createTopics).isTrue();
    assertThat(parse(Map.of("NARROWCAST_CREATE_TOPICS", "false")).createTopics).isFalse();
    assertThat(parse(Map.of(), "--no-create-topics").createTopics).isFalse();
  }

  @Test
  void theOriginOfEachValueIsKnown() throws IOException {
    Path config = file("application-id=from-file", "bootstrap-servers=file:9092");
    ConfigDefaults defaults = ConfigDefaults.load(Map.of("NARROWCAST_BOOTSTRAP_SERVERS", "env:9092"), "--config", config.toString());
    CommandLine cli = new CommandLine(new RunCommand());

    assertThat(defaults.origin(option(cli, "--bootstrap-servers"))).isEqualTo("environment NARROWCAST_BOOTSTRAP_SERVERS");
    assertThat(defaults.origin(option(cli, "--application-id"))).isEqualTo("file " + config);
    assertThat(defaults.origin(option(cli, "--data-dir"))).isEqualTo("default");
  }

  @Test
  void keysThatNameNoOptionAreReported() throws IOException {
    Path config = file("bootstrap-server=typo:9092", "window=1h");
    ConfigDefaults defaults = ConfigDefaults.load(Map.of(), "--config", config.toString());

    assertThat(defaults.unknownKeys(new CommandLine(new RunCommand()).getCommandSpec().options()))
        .containsExactly("bootstrap-server");
  }

  @Test
  void anUnreadableFileIsAUserMistake() {
    assertThatThrownBy(() -> ConfigDefaults.load(Map.of(), "--config", dir.resolve("missing.properties").toString()))
        .isInstanceOf(UserException.class)
        .hasMessage("cannot read the configuration file " + dir.resolve("missing.properties") + " (no such file)");
  }

  @Test
  void aFileThatIsNotUtf8SaysSo() throws Exception {
    Path latin1 = Files.writeString(dir.resolve("latin1.properties"), "sensor=K\u00f6ln\n", StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> ConfigDefaults.load(Map.of(), "--config", latin1.toString()))
        .hasMessage("cannot read the configuration file " + latin1 + " (not UTF-8 text)");
  }

  @Test
  void variablesAreNamedAfterTheLongOption() {
    assertThat(ConfigDefaults.envName("--bootstrap-servers")).isEqualTo("NARROWCAST_BOOTSTRAP_SERVERS");
    assertThat(ConfigDefaults.envName("--http-token-file")).isEqualTo("NARROWCAST_HTTP_TOKEN_FILE");
  }

  static OptionSpec option(CommandLine cli, String name) {
    return cli.getCommandSpec().findOption(name);
  }
}
