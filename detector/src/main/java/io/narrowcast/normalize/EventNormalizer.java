package io.narrowcast.normalize;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.privacy.SourcePseudonymizer;

/**
 * Applies {@link DomainNames}, {@link Sources}, a {@link TimeRange} and optionally a
 * {@link SourcePseudonymizer} to whole events, and says which key an event counts under.
 */
public final class EventNormalizer {
  private final Sources.Granularity sourceGranularity;
  private final DomainGranularity domainGranularity;
  private final TimeRange timeRange;
  private final SourcePseudonymizer pseudonymizer;

  /** Accepts any event time from the epoch on, as the detector does for what is already on the topic. */
  public EventNormalizer(Sources.Granularity sourceGranularity, DomainGranularity domainGranularity) {
    this(sourceGranularity, domainGranularity, SourcePseudonymizer.NONE);
  }

  /** Also replaces each canonical source (address or prefix) by what {@code pseudonymizer} makes of it. */
  public EventNormalizer(Sources.Granularity sourceGranularity, DomainGranularity domainGranularity,
      SourcePseudonymizer pseudonymizer) {
    this(sourceGranularity, domainGranularity, TimeRange.SINCE_EPOCH, pseudonymizer);
  }

  private EventNormalizer(Sources.Granularity sourceGranularity, DomainGranularity domainGranularity,
      TimeRange timeRange, SourcePseudonymizer pseudonymizer) {
    this.sourceGranularity = sourceGranularity;
    this.domainGranularity = domainGranularity;
    this.timeRange = timeRange;
    this.pseudonymizer = pseudonymizer;
  }

  /** Full names and full addresses: what ingest writes to dns.events. */
  public static EventNormalizer exact() {
    return new EventNormalizer(Sources.Granularity.ADDRESS, DomainGranularity.NAME);
  }

  /** The same normalizer, accepting only event times within {@code range}. */
  public EventNormalizer within(TimeRange range) {
    return new EventNormalizer(sourceGranularity, domainGranularity, range, pseudonymizer);
  }

  /**
   * Normalizes {@code event} in place (query name, source address, time) and returns it.
   *
   * @throws InvalidRecordException when the name, the address or the time is not acceptable
   */
  public DnsEvent normalize(DnsEvent event) throws InvalidRecordException {
    timeRange.check(event.getEventTime());
    event.setQuery(DomainNames.normalize(event.getQuery()));
    event.setSourceIp(pseudonymizer.apply(Sources.canonical(event.getSourceIp(), sourceGranularity)));
    for (Answer answer : event.getAnswers()) {
      if (overlong(answer)) { // rare: the stream below only then
        event.setAnswers(event.getAnswers().stream().filter(kept -> !overlong(kept)).toList());
        break;
      }
    }
    return event;
  }

  /**
   * Answer values kept are at most this long: an address or a name is far shorter, and the few
   * answers a window keeps travel in state and rename candidates, where a producer's megabyte
   * "answer" would make a record larger than Kafka takes. Longer ones (a long TXT) are left out;
   * the lookup still counts.
   */
  static final int MAX_ANSWER_CHARS = 512;

  private static boolean overlong(Answer answer) {
    return answer.getData().length() > MAX_ANSWER_CHARS;
  }

  /** True when events count under their own name, the key ingest gives them on dns.events. */
  public boolean countsByName() {
    return domainGranularity == DomainGranularity.NAME;
  }

  /** The domain a normalized event counts under: its name, or its registered domain. */
  public String domainKey(DnsEvent normalized) {
    return domainKey(normalized.getQuery());
  }

  /** The domain a normalized name counts under: the name, or its registered domain. */
  public String domainKey(String normalizedName) {
    return domainGranularity == DomainGranularity.REGISTERED_DOMAIN
        ? DomainNames.registeredDomain(normalizedName)
        : normalizedName;
  }
}
