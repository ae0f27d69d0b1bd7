package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores survive a clean stop, are deleted after any other, and are held by one process at a time. */
class LocalStateTest {
  @TempDir
  Path dataDir;

  private Path stateWithAStore() throws Exception {
    Path store = dataDir.resolve("state/narrowcast/0_0/querier-sets");
    Files.createDirectories(store);
    Files.writeString(store.resolve("000001.sst"), "sst");
    Files.writeString(dataDir.resolve("state/narrowcast/kafka-streams-process-metadata"), "process id");
    return dataDir.resolve("state/narrowcast");
  }

  @Test
  void aFirstStartAndAStartAfterACleanStopKeepTheState() throws Exception {
    Path state = stateWithAStore();
    try (LocalState first = LocalState.open(dataDir, state)) {
      assertThat(first.rebuilt()).isFalse();
      first.stoppedCleanly();
    }
    try (LocalState second = LocalState.open(dataDir, state)) {
      assertThat(second.rebuilt()).isFalse();
    }
    assertThat(state.resolve("0_0/querier-sets/000001.sst")).hasContent("sst");
  }

  @Test
  void aStartAfterAStopThatWasNotCleanDeletesTheState() throws Exception {
    Path state = stateWithAStore();
    try (LocalState killed = LocalState.open(dataDir, state)) {
      assertThat(killed.rebuilt()).isFalse(); // and never stoppedCleanly: as after SIGKILL, or Streams failing
    }
    try (LocalState next = LocalState.open(dataDir, state)) {
      assertThat(next.rebuilt()).isTrue();
      assertThat(state.resolve("0_0")).doesNotExist();
      assertThat(state.resolve("kafka-streams-process-metadata")).hasContent("process id"); // the transactional ids stay
      next.stoppedCleanly();
    }
    try (LocalState after = LocalState.open(dataDir, state)) {
      assertThat(after.rebuilt()).isFalse();
    }
  }

  @Test
  void aSecondHolderIsRefusedAndTheStateIsLeftAlone() throws Exception {
    Path state = stateWithAStore();
    try (LocalState holder = LocalState.open(dataDir, state)) {
      assertThatThrownBy(() -> LocalState.open(dataDir, state)).isInstanceOf(LocalState.InUse.class)
          .hasMessage("another process uses " + dataDir + " (it holds " + dataDir.resolve("state.lock") + ")");
      assertThat(state.resolve("0_0/querier-sets/000001.sst")).hasContent("sst");
    }
  }
}
