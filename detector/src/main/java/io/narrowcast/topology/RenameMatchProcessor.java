package io.narrowcast.topology;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.detect.RenameMatcher;
import io.narrowcast.eventtime.Mark;
import io.narrowcast.eventtime.Pending;
import io.narrowcast.eventtime.Watermarks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs keyed by source: remembers, per source, the recent dark and newly seen names it queried
 * ("rename-candidates"), each new name with how many others the source took up before it, and
 * matches each candidate against the other side. A revived name's dark
 * side is forgotten. Both names of a rename reach the same task through any source they share,
 * whatever partitions they live on. A match goes on keyed by the new name.
 *
 * <p>Candidates come from every aggregating task, as far ahead of one another as those tasks run. So
 * they wait ("rename-pending") until every task has marked its progress past them, and are then
 * handled in event-time order: which names a source remembers, and whether a name revived before or
 * after its successor appeared, do not depend on which task ran ahead. Each match is stamped with the
 * time of the later of its two candidates; then this task marks its own progress for the next stage.
 */
final class RenameMatchProcessor implements Processor<String, RenameCandidate, String, RenameMatch> {
  /**
   * Candidates of each side kept per source; the pattern is a few sources, so a busy one may forget
   * its oldest. The sides count apart: a source sees many more new names than dark ones.
   */
  static final int MAX_PER_SOURCE = 64;
  private static final Logger LOG = LoggerFactory.getLogger(RenameMatchProcessor.class);

  private final DetectionConfig config;
  private final int origins;
  private final RenameMatcher matcher;
  private ProcessorContext<String, RenameMatch> context;
  private KeyValueStore<String, List<RenameCandidate>> candidates;
  private Pending<SourcedCandidate> pending;
  private Watermarks watermarks;

  /** A candidate as it reached one of its sources. */
  record SourcedCandidate(String source, RenameCandidate candidate) {}

  RenameMatchProcessor(DetectionConfig config, int origins) {
    this.config = config;
    this.origins = origins;
    this.matcher = new RenameMatcher(config);
  }

  @Override
  public void init(ProcessorContext<String, RenameMatch> context) {
    this.context = context;
    this.candidates = context.getStateStore(DetectorTopology.RENAME_CANDIDATES_STORE);
    this.pending = new Pending<>(context.getStateStore(DetectorTopology.RENAME_PENDING_STORE));
    this.watermarks = new Watermarks(context.getStateStore(DetectorTopology.RENAME_WATERMARKS_STORE), origins);
  }

  @Override
  public void process(Record<String, RenameCandidate> record) {
    if (record.value() != null) {
      RenameCandidate candidate = record.value();
      if (record.timestamp() <= watermarks.current()) {
        handle(record.key(), candidate, record.timestamp()); // from a task that was idle: too late to wait
      } else {
        pending.add(record.timestamp(), record.key() + '|' + rank(candidate.side()) + '|' + candidate.domain(),
            new SourcedCandidate(record.key(), candidate));
      }
      return;
    }
    Optional<Mark> mark = Mark.of(record.headers());
    if (mark.isPresent() && watermarks.take(mark.get())) {
      long now = watermarks.current();
      for (Pending.Timed<SourcedCandidate> due : pending.takeUntil(now)) {
        handle(due.value().source(), due.value().candidate(), due.time());
      }
      Mark progress = Mark.progress(context.taskId().partition(), now);
      context.forward(new Record<String, RenameMatch>("", null, Math.max(0, now), progress.headers()));
    }
  }

  /**
   * Order within a time and source: a name answered and dark again in one window withdraws its old
   * dark side before it goes dark again (the order the aggregator sends them in).
   */
  private static int rank(Side side) {
    return switch (side) {
      case REVIVED -> 0;
      case BORN -> 1;
      case RETIRED -> 2;
    };
  }

  private void handle(String source, RenameCandidate arriving, long time) {
    List<RenameCandidate> known = candidates.get(source);
    List<RenameCandidate> kept = new ArrayList<>(known == null ? List.of() : known);
    if (arriving.side() == Side.REVIVED) {
      if (kept.removeIf(c -> c.side() == Side.RETIRED && c.domain().equals(arriving.domain()))) {
        LOG.debug("task {} source {}: {} resolves again, not dark", context.taskId(), source, arriving.domain());
        putOrDelete(source, kept);
      }
      return;
    }
    kept.removeIf(c -> c.side() == arriving.side() && c.domain().equals(arriving.domain())); // replaced by its newer self
    RenameCandidate candidate = arriving.side() == Side.BORN ? arriving.withNewNamesBefore(newNamesBefore(kept, arriving))
        : arriving;
    for (RenameCandidate other : kept) {
      var match = candidate.side() == Side.BORN ? matcher.match(other, candidate, source) : matcher.match(candidate, other, source);
      match.ifPresent(m -> {
        LOG.debug("task {} source {}: {} renamed {}", context.taskId(), source, m.oldName(), m.newName());
        // the later of the two decisions, the arriving one's: candidates are handled in time order
        context.forward(new Record<>(m.newName(), m, Math.max(time, m.windowEnd())));
      });
    }
    kept.add(candidate);
    candidates.put(source, prune(kept));
  }

  /**
   * How many other new names this source took up in the rename-max-lag before {@code born}'s first
   * window: counted as it arrives, when every earlier one is here and none has been pruned for a
   * later one (a source with more than MAX_PER_SOURCE in that time counts the MAX_PER_SOURCE it keeps). Names
   * of {@code born}'s own window are left out, so the count does not depend on their order.
   */
  private int newNamesBefore(List<RenameCandidate> kept, RenameCandidate born) {
    long from = born.windowStart() - config.renameMaxLag().toMillis();
    return (int) kept.stream()
        .filter(c -> c.side() == Side.BORN && c.windowStart() >= from && c.windowStart() < born.windowStart())
        .count();
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
   * the lookback plus two lags before the newest. match() checks the lag itself; this only bounds memory.
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
