package io.narrowcast.state;

import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;

/** What the heap stores and their layers share: a name, not persistent, open from init to close, no typed queries. */
abstract class HeapStore implements StateStore {
  private final String name;
  volatile boolean open;

  HeapStore(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return QueryResult.forUnknownQueryType(query, this);
  }

  /** A heap store's builder: its changelog on by default, as for Kafka Streams' own stores, and no record cache. */
  static final class Builder<T extends StateStore> implements StoreBuilder<T> {
    /** Makes the store from its name and changelog settings (null: no changelog). */
    interface Factory<T> extends BiFunction<String, Map<String, String>, T> {}

    private final String name;
    private final Factory<T> factory;
    private Map<String, String> logConfig = Map.of();

    Builder(String name, Factory<T> factory) {
      this.name = name;
      this.factory = factory;
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
      throw new UnsupportedOperationException("a heap store needs no record cache");
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
      logConfig = Map.copyOf(config);
      return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
      logConfig = null;
      return this;
    }

    @Override
    public T build() {
      return factory.apply(name, logConfig);
    }

    @Override
    public Map<String, String> logConfig() {
      return logConfig == null ? Map.of() : logConfig;
    }

    @Override
    public boolean loggingEnabled() {
      return logConfig != null;
    }

    @Override
    public String name() {
      return name;
    }
  }
}
