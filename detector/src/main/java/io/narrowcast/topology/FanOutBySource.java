package io.narrowcast.topology;

import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.state.SourceCount;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends a rename candidate to every source in its (small) querier set, and a progress mark on as it
 * is (a record without a value, which the partitioner sends to every partition).
 */
final class FanOutBySource implements Processor<String, DetectorOutput, String, RenameCandidate> {
  private ProcessorContext<String, RenameCandidate> context;

  @Override
  public void init(ProcessorContext<String, RenameCandidate> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, DetectorOutput> record) {
    if (record.value() instanceof DetectorOutput.CandidateOut out) {
      RenameCandidate candidate = out.candidate();
      for (SourceCount source : candidate.sources()) {
        context.forward(record.withKey(source.source()).withValue(candidate));
      }
    } else if (record.value() instanceof DetectorOutput.MarkOut) {
      context.forward(record.withValue(null));
    }
  }
}
