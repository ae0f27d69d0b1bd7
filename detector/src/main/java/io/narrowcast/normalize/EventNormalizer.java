package io.narrowcast.normalize;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;

/** Applies {@link DomainNames} and {@link Sources} to whole events, and says which key an event counts under. */
public final class EventNormalizer {
  private final Sources.Granularity sourceGranularity;
  private final DomainGranularity domainGranularity;

  public EventNormalizer(Sources.Granularity sourceGranularity, DomainGranularity domainGranularity) {
    this.sourceGranularity = sourceGranularity;
    this.domainGranularity = domainGranularity;
  }

  /** Full names and full addresses: what ingest writes to dns.events. */
  public static EventNormalizer exact() {
    return new EventNormalizer(Sources.Granularity.ADDRESS, DomainGranularity.NAME);
  }

  /**
   * Normalizes {@code event} in place (query name, source address, time) and returns it.
   *
   * @throws InvalidRecordException when the name, the address or the time is not acceptable
   */
  public DnsEvent normalize(DnsEvent event) throws InvalidRecordException {
    if (event.getEventTime() == null || event.getEventTime().toEpochMilli() < 0) {
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "event time before 1970: " + event.getEventTime());
    }
    event.setQuery(DomainNames.normalize(event.getQuery()));
    event.setSourceIp(Sources.canonical(event.getSourceIp(), sourceGranularity));
    return event;
  }

  /** The domain a normalized event counts under: its name, or its registered domain. */
  public String domainKey(DnsEvent normalized) {
    return domainGranularity == DomainGranularity.REGISTERED_DOMAIN
        ? DomainNames.registeredDomain(normalized.getQuery())
        : normalized.getQuery();
  }
}
