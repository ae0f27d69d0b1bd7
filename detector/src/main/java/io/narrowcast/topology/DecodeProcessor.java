package io.narrowcast.topology;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Partitions;
import io.narrowcast.topics.Topics;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and normalizes each record of dns.events. Anything that is not a valid event becomes a
 * dead letter with its reason instead of an exception: bytes that are no event, a name or address no
 * DNS message holds, an event time out of range (one from a broken clock far ahead would close
 * every window of its partition at once, and the broker refuses state written that far ahead), a
 * control record not signed with the detector's key. The record timestamp becomes the time inside
 * the event or the signed tick; the key becomes the domain the event counts under.
 */
final class DecodeProcessor implements Processor<String, byte[], String, Decoded> {
  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

  private final EventNormalizer normalizer;
  private final Control control;
  private final int partitions;
  private final DetectorMetrics metrics;
  private ProcessorContext<String, Decoded> context;

  DecodeProcessor(EventNormalizer normalizer, Control control, int partitions, DetectorMetrics metrics) {
    this.normalizer = normalizer;
    this.control = control;
    this.partitions = partitions;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(context.taskId().partition());
    if (Control.isControl(record.headers())) {
      OptionalLong tick = control == null ? OptionalLong.empty() : control.tickTime(record.headers(), partition);
      if (tick.isEmpty() || record.value() != null) {
        reject(record, RejectReason.UNPARSABLE, "a control record not signed with this detector's control key");
      } else {
        context.forward(record.<String>withKey(null).<Decoded>withValue(new Decoded.Tick()).withTimestamp(tick.getAsLong()));
      }
      return;
    }
    if (record.value() == null) {
      reject(record, RejectReason.UNPARSABLE, "record without a value");
      return;
    }
    DnsEvent event;
    try {
      event = Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), record.value());
      normalizer.normalize(event);
    } catch (SerializationException e) {
      reject(record, RejectReason.UNPARSABLE, e.getMessage());
      return;
    } catch (InvalidRecordException e) {
      reject(record, e.reason(), e.getMessage());
      return;
    }
    metrics.countEventIn();
    String domain = normalizer.domainKey(event);
    // An event lies where ingest puts its domain's events, or it goes where they are: a domain's
    // windows live in one task. With one partition every event is in place.
    boolean rekey = partitions > 1 && Partitions.forKey(domain, partitions) != partition;
    context.forward(record
        .withKey(domain)
        .withValue(new Decoded.Event(event, rekey))
        .withTimestamp(event.getEventTime().toEpochMilli()));
  }

  private void reject(Record<String, byte[]> record, RejectReason reason, String detail) {
    String origin = context.recordMetadata().map(DecodeProcessor::origin).orElse("unknown");
    LOG.warn("dead letter from {}: {} ({})", origin, reason.label(), detail);
    metrics.countRejected(reason);
    DeadLetters.annotate(record.headers(), reason, detail, origin);
    // a producer's timestamp may be anything the topic allowed; the dead-letter topic may allow less
    long timestamp = Math.min(record.timestamp(), context.currentSystemTimeMs());
    context.forward(record.withValue(new Decoded.Dead(record.value() == null ? new byte[0] : record.value()))
        .withTimestamp(timestamp));
  }

  private static String origin(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }
}
