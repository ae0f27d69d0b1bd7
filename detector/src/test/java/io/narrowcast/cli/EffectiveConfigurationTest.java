package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EffectiveConfigurationTest {
  @TempDir
  Path dir;

  @Test
  void secretsAreRecognizedButFilesThatHoldThemAreNot() {
    assertThat(List.of("sasl.jaas.config", "ssl.key.password", "ssl.keystore.password", "ssl.keystore.key",
        "basic.auth.user.info", "sasl.oauthbearer.client.credentials.client.secret", "http-token"))
        .allMatch(EffectiveConfiguration::isSecret);
    assertThat(List.of("http-token-file", "ssl.keystore.location", "ssl.truststore.location", "security.protocol",
        "bootstrap-servers", "pseudonymize-sources", "sasl.mechanism"))
        .noneMatch(EffectiveConfiguration::isSecret);
  }

  @Test
  void everyOptionWithItsValueAndOriginThenKafkaSettingsMasked() throws Exception {
    Path config = dir.resolve("run.properties");
    Files.writeString(config, "application-id=detector-7\n");
    String[] args = {"--config", config.toString(), "--http-bind", "127.0.0.1:9000"};
    ConfigDefaults defaults = ConfigDefaults.load(Map.of("NARROWCAST_WINDOW", "1h"), args);
    CommandLine cli = new CommandLine(new RunCommand());
    cli.setDefaultValueProvider(defaults);
    cli.parseArgs(args);

    RunCommand run = cli.getCommand();
    List<String> lines = EffectiveConfiguration.describe(cli.getCommandSpec(), defaults, run.detection.derivedDefaults(),
        Map.of("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
            "security.protocol", "SASL_SSL"), "kafka-config client.properties", Map.of());

    assertThat(lines).contains(
        "  http-bind                    127.0.0.1:9000                           (flag)",
        "  application-id               detector-7                               (file " + config + ")",
        "  window                       1h                                       (environment NARROWCAST_WINDOW)",
        "  grace                        1m                                       (default)",
        "  new-name-lookback            30h                                      (default)",
        "  lifecycle-ttl                60h                                      (default)",
        "  min-narrow-windows           2                                        (default)",
        "  bootstrap-servers            -                                        (default)",
        "  sasl.jaas.config             ******                                   (kafka-config client.properties)",
        "  security.protocol            SASL_SSL                                 (kafka-config client.properties)");
    assertThat(String.join("\n", lines)).doesNotContain("hunter2").doesNotContain("help").doesNotContain("version");
  }
}
