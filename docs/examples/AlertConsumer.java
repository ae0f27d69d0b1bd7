import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints the alerts on dns.alerts. Arguments: the bootstrap servers, then the released Alert schemas, the latest last. */
public class AlertConsumer {
  public static void main(String[] args) throws Exception {
    // each message carries its writer schema's fingerprint: a message of any release given is read as the latest
    Schema latest = new Schema.Parser().parse(new File(args[args.length - 1]));
    BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), latest);
    for (int i = 1; i < args.length - 1; i++) {
      decoder.addSchema(new Schema.Parser().parse(new File(args[i])));
    }
    Map<String, Object> config = Map.of("bootstrap.servers", args[0], "group.id", "siem-alerts",
        "auto.offset.reset", "earliest", "isolation.level", "read_committed"); // the detector writes in transactions
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("dns.alerts"));
      while (true) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          if (record.value() != null) { // a tombstone is no alert
            print(decoder.decode(record.value()));
          }
        }
      }
    }
  }

  static void print(GenericRecord alert) {
    Object previous = alert.get("previous_domain");
    String names = (previous == null ? "" : previous + " -> ") + alert.get("domain");
    System.out.printf("%s %-6s %-16s %s%n", alert.get("alert_id"), alert.get("status"), alert.get("kind"), names);
  }
}
