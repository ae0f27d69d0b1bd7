package io.narrowcast.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Which running Kafka cluster a command talks to: its address and, for secured clusters, client properties. */
final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "The Kafka cluster (wins over bootstrap.servers in --kafka-config).")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties: bootstrap.servers, security.protocol, sasl.*, ssl.*, ...")
  Path configFile;

  /** Whether a cluster was named, by either option. */
  boolean given() {
    return bootstrapServers != null || configFile != null;
  }

  /**
   * The client configuration these options describe.
   *
   * @throws UserException when the file cannot be read or no bootstrap servers are given
   */
  Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    if (configFile != null) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UserException("cannot read --kafka-config " + configFile + OutputFile.why(e));
      }
      properties.forEach((key, value) -> config.put(key.toString(), value));
    }
    if (bootstrapServers != null) {
      config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (!config.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new UserException("give --bootstrap-servers HOST:PORT (or bootstrap.servers in --kafka-config)");
    }
    return config;
  }
}
