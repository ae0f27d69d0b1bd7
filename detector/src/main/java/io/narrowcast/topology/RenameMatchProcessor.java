package io.narrowcast.topology;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.detect.RenameMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs keyed by source: remembers, per source, the recent dark and newly seen names it queried
 * ("rename-candidates"), and matches each arriving candidate against the other side. Both names of
 * a rename reach the same task through any source they share, whatever partitions they live on. A
 * match goes on keyed by the new name.
 */
final class RenameMatchProcessor implements Processor<String, RenameCandidate, String, RenameMatch> {
  /** Candidates kept per source; the pattern is a few sources, so a busy one may forget its oldest. */
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
    // two lags back covers either arrival order; a name seen again replaces its older self
    long horizon = arriving.time() - 2 * config.renameMaxLag().toMillis();
    kept.removeIf(c -> c.time() < horizon || c.side() == arriving.side() && c.domain().equals(arriving.domain()));
    for (RenameCandidate other : kept) {
      var match = arriving.side() == Side.BORN ? matcher.match(other, arriving) : matcher.match(arriving, other);
      match.ifPresent(m -> {
        LOG.debug("task {} source {}: {} renamed {}", context.taskId(), record.key(), m.oldName(), m.newName());
        context.forward(new Record<>(m.newName(), m, record.timestamp()));
      });
    }
    kept.add(arriving);
    if (kept.size() > MAX_PER_SOURCE) {
      kept.sort(Comparator.comparingLong(RenameCandidate::time));
      kept = new ArrayList<>(kept.subList(kept.size() - MAX_PER_SOURCE, kept.size()));
    }
    candidates.put(record.key(), kept);
  }
}
