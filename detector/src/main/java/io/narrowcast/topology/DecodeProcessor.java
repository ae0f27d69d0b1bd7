package io.narrowcast.topology;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and normalizes each record of dns.events. Anything that is not a valid event becomes a
 * dead letter with its reason instead of an exception; the record timestamp becomes the event's own
 * time; the key becomes the domain the event counts under.
 */
final class DecodeProcessor implements Processor<String, byte[], String, Decoded> {
  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

  private final EventNormalizer normalizer;
  private final DetectorMetrics metrics;
  private ProcessorContext<String, Decoded> context;

  DecodeProcessor(EventNormalizer normalizer, DetectorMetrics metrics) {
    this.normalizer = normalizer;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (Control.isTick(record.headers())) {
      context.forward(record.<String>withKey(null).<Decoded>withValue(new Decoded.Tick()));
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
    // By registered domain, every event is re-keyed, not only those whose key changes: events that
    // reached the aggregator directly would run its event time ahead of their re-keyed siblings,
    // which arrive a commit later, and make them late.
    boolean rekey = !normalizer.countsByName() || !Objects.equals(domain, record.key());
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
    context.forward(record.withValue(new Decoded.Dead(record.value() == null ? new byte[0] : record.value())));
  }

  private static String origin(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }
}
