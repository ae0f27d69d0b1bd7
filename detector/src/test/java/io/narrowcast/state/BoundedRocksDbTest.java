package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.runtime.StreamsSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbTest {
  static {
    RocksDB.loadLibrary();
  }

  @Test
  void theDetectorsStoresShareOneBoundedBudget() {
    var props = StreamsSettings.detector("app", "127.0.0.1:9092", Path.of("state"), Map.of());
    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDb.class);
    assertThat(BoundedRocksDb.budget(props.get(BoundedRocksDb.MEMORY_CONFIG))).isEqualTo(BoundedRocksDb.DEFAULT_MEMORY_BYTES);
  }

  @Test
  void everyStoreGetsSmallMemtablesChargedToTheSharedCache() {
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      new BoundedRocksDb().setConfig("querier-sets.1704067200000", options, Map.of());
      assertThat(options.writeBufferSize()).isEqualTo(8L * 1024 * 1024);
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
    }
  }

  @Test
  void aBudgetThatIsNotANumberOfBytesIsAClearError() {
    assertThat(BoundedRocksDb.budget("268435456")).isEqualTo(256L * 1024 * 1024);
    assertThatThrownBy(() -> StreamsSettings.detector("app", "127.0.0.1:9092", Path.of("state"),
        Map.of(BoundedRocksDb.MEMORY_CONFIG, "256m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("narrowcast.rocksdb.memory.bytes must be a number of bytes, not '256m'");
    assertThatThrownBy(() -> BoundedRocksDb.budget(1024))
        .hasMessageContaining("at least 16 MB");
  }
}
