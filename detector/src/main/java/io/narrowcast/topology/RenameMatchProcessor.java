package io.narrowcast.topology;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.detect.RenameMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs keyed by source: remembers, per source, the recent dark and newly seen names it queried
 * ("rename-candidates"), and matches each arriving candidate against the other side. A revived
 * name's dark side is forgotten. Both names of a rename reach the same task through any source they
 * share, whatever partitions they live on. A match goes on keyed by the new name.
 */
final class RenameMatchProcessor implements Processor<String, RenameCandidate, String, RenameMatch> {
  /**
   * Candidates of each side kept per source; the pattern is a few sources, so a busy one may forget
   * its oldest. The sides count apart: a source sees many more new names than dark ones.
   */
  static final int MAX_PER_SOURCE = 64;
  private static final Logger LOG = LoggerFactory.getLogger(RenameMatchProcessor.class);

  private final DetectionConfig config;
  private final RenameMatcher matcher;
  private ProcessorContext<String, RenameMatch> context;
  private KeyValueStore<String, List<RenameCandidate>> candidates;

  RenameMatchProcessor(DetectionConfig config) {
    this.config = config;
    this.matcher = new RenameMatcher(config);
  }

  @Override
  public void init(ProcessorContext<String, RenameMatch> context) {
    this.context = context;
    this.candidates = context.getStateStore(DetectorTopology.RENAME_CANDIDATES_STORE);
  }

  @Override
  public void process(Record<String, RenameCandidate> record) {
    RenameCandidate arriving = record.value();
    List<RenameCandidate> known = candidates.get(record.key());
    List<RenameCandidate> kept = new ArrayList<>(known == null ? List.of() : known);
    if (arriving.side() == Side.REVIVED) {
      if (kept.removeIf(c -> c.side() == Side.RETIRED && c.domain().equals(arriving.domain()))) {
        LOG.debug("task {} source {}: {} resolves again, not dark", context.taskId(), record.key(), arriving.domain());
        putOrDelete(record.key(), kept);
      }
      return;
    }
    kept.removeIf(c -> c.side() == arriving.side() && c.domain().equals(arriving.domain())); // replaced by its newer self
    for (RenameCandidate other : kept) {
      var match = arriving.side() == Side.BORN ? matcher.match(other, arriving) : matcher.match(arriving, other);
      match.ifPresent(m -> {
        LOG.debug("task {} source {}: {} renamed {}", context.taskId(), record.key(), m.oldName(), m.newName());
        // the later of the two decisions: whichever side arrives last, never before the new name's first window
        context.forward(new Record<>(m.newName(), m, Math.max(record.timestamp(), m.windowEnd())));
      });
    }
    kept.add(arriving);
    candidates.put(record.key(), prune(kept));
  }

  private void putOrDelete(String source, List<RenameCandidate> kept) {
    if (kept.isEmpty()) {
      candidates.delete(source);
    } else {
      candidates.put(source, kept);
    }
  }

  /**
   * Bounds what a source remembers: the newest MAX_PER_SOURCE candidates of each side, none older than
   * the lookback plus two lags before the newest. Pruning must not use the arriving candidate's time as "now":
   * tasks move through event time at different speeds, so a candidate from weeks ahead can arrive
   * before one it should still meet. match() checks the lag itself; this only bounds memory.
   */
  private List<RenameCandidate> prune(List<RenameCandidate> kept) {
    kept.sort(Comparator.comparingLong(RenameCandidate::time));
    long newest = kept.get(kept.size() - 1).time();
    long horizon = newest - config.newNameLookback().toMillis() - 2 * config.renameMaxLag().toMillis();
    kept.removeIf(c -> c.time() < horizon);
    Map<Side, Integer> newer = new EnumMap<>(Side.class);
    List<RenameCandidate> pruned = new ArrayList<>(kept.size());
    for (int i = kept.size() - 1; i >= 0; i--) {
      RenameCandidate candidate = kept.get(i);
      if (newer.merge(candidate.side(), 1, Integer::sum) <= MAX_PER_SOURCE) {
        pruned.add(candidate);
      }
    }
    Collections.reverse(pruned);
    return pruned;
  }
}
