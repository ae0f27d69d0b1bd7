package io.narrowcast.query;

import io.narrowcast.state.QuerierSet;
import io.narrowcast.topology.DetectorTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The querier sets in the "querier-sets" store of a running detector, by interactive query. Kafka
 * Streams knows which instance hosts the active task for a key (every instance advertises its HTTP
 * address as {@code application.server}); when it is not this one, the answer says where to ask.
 */
public final class StreamsQuerierSets implements QuerierSets {
  private final KafkaStreams streams;
  private final HostInfo self;
  private final Duration window;

  /**
   * @param self this instance's {@code application.server}
   * @param window the window length the detector runs with
   */
  public StreamsQuerierSets(KafkaStreams streams, HostInfo self, Duration window) {
    this.streams = streams;
    this.self = self;
    this.window = window;
  }

  @Override
  public Answer find(String domainKey, Instant from, Instant to) {
    KeyQueryMetadata owner;
    try {
      owner = streams.queryMetadataForKey(DetectorTopology.QUERIER_SETS_STORE, domainKey, Serdes.String().serializer());
    } catch (StreamsNotStartedException | IllegalStateException e) {
      return new Answer.Unavailable("the detector is not running: " + e.getMessage());
    }
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      return new Answer.Unavailable("no instance owns the key right now (the instances are rebalancing)");
    }
    if (!self.equals(owner.activeHost())) {
      return new Answer.Elsewhere(owner.activeHost().host() + ":" + owner.activeHost().port());
    }
    try {
      return new Answer.Found(self.host() + ":" + self.port(), read(domainKey, owner.partition(), from, to));
    } catch (InvalidStateStoreException e) {
      return new Answer.Unavailable("the store is not queryable right now: " + e.getMessage());
    }
  }

  /** The windows that overlap [from, to]: those starting after {@code from} minus one window length. */
  private List<DomainQueriers.Window> read(String domainKey, int partition, Instant from, Instant to) {
    ReadOnlyWindowStore<String, QuerierSet> store = streams.store(StoreQueryParameters
        .fromNameAndType(DetectorTopology.QUERIER_SETS_STORE, QueryableStoreTypes.<String, QuerierSet>windowStore())
        .withPartition(partition));
    Instant earliestStart = from.minus(window).plusMillis(1);
    Instant first = earliestStart.isBefore(QueryTimes.EARLIEST) ? QueryTimes.EARLIEST : earliestStart;
    List<DomainQueriers.Window> windows = new ArrayList<>();
    try (WindowStoreIterator<QuerierSet> found = store.fetch(domainKey, first, to)) {
      found.forEachRemaining(entry -> {
        Instant start = Instant.ofEpochMilli(entry.key);
        windows.add(DomainQueriers.Window.of(start, start.plus(window), entry.value));
      });
    }
    return windows;
  }
}
