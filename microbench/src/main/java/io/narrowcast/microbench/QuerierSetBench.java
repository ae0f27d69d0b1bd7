package io.narrowcast.microbench;

import io.narrowcast.state.BinarySerde;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A domain-window's querier set: counting one lookup, and the bytes it is stored and changelogged
 * as. Measured for both regimes the detector sees.
 */
public class QuerierSetBench extends BenchDefaults {
  /** Store name, as the serde is given it. */
  static final String STORE = "querier-sets";
  /** Distinct sources of a busy name: the exact cap, three times as many again in the sketch. */
  static final int BUSY_SOURCES = 4 * QuerierSet.DEFAULT_EXACT_CAP;
  private static final long START = 1_462_356_000_000L;
  private static final List<String> ANSWERS = List.of("52.97.146.178");

  /** How many sources query the name. */
  public enum Shape {
    /** The long tail, most names: one source. */
    LONG_TAIL(1),
    /** A popular name: 64 sources counted exactly and the rest in the HLL sketch. */
    BUSY(BUSY_SOURCES);

    final int sources;

    Shape(int sources) {
      this.sources = sources;
    }
  }

  @Param
  public Shape shape;

  private String[] sources;
  private int next;
  private long time;
  private QuerierSet set;
  private Serializer<QuerierSet> serializer;
  private Deserializer<QuerierSet> deserializer;
  private byte[] bytes;

  @Setup
  public void setup() {
    sources = new String[shape.sources];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = "10.1." + (i >> 8) + "." + (i & 0xff);
    }
    set = new QuerierSet(QuerierSet.DEFAULT_EXACT_CAP);
    time = START;
    for (String source : sources) {
      set.add(source, time++, Outcome.ANSWERED, ANSWERS);
    }
    BinarySerde<QuerierSet> serde = BinarySerde.querierSets();
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    bytes = serializer.serialize(STORE, set);
  }

  /**
   * One more lookup. Sources repeat in turn, so a busy set mixes hits on the exact map (a quarter)
   * with sketch updates (the rest); the long tail hits its one source.
   */
  @Benchmark
  public long add() {
    String source = sources[next];
    next = next + 1 == sources.length ? 0 : next + 1;
    set.add(source, time++, Outcome.ANSWERED, ANSWERS);
    return set.queries();
  }

  /** The set as the store and its changelog hold it. */
  @Benchmark
  public byte[] serialize() {
    return serializer.serialize(STORE, set);
  }

  /** The set read back from those bytes. */
  @Benchmark
  public QuerierSet deserialize() {
    return deserializer.deserialize(STORE, bytes);
  }
}
