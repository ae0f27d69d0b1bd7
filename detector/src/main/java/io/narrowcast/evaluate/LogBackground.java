package io.narrowcast.evaluate;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.EventsOnlySink;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.LookAlike;
import io.narrowcast.simulate.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real log as a scenario: its records, read as replay reads them, with injected lookups merged in
 * by time (each goes just before the first of the log's events that is not earlier; the log's own
 * order, disorder included, stays as it was), and the injected anomalies' labels. An alert that
 * involves an injected name but matches no label is a false alarm of the class "injected name";
 * any other is "background", the log's own.
 */
final class LogBackground extends Scenario {
  static final String INJECTED_NAME = "injected name";

  private final List<Path> files;
  private final Format format;
  private final List<ExpectedAlert> labels;
  private final List<DnsEvent> injected;

  /**
   * @param first the time of the log's first event, {@code last} of its last (epoch milliseconds)
   * @param injected the injected lookups, in time order
   */
  LogBackground(List<Path> files, Format format, long first, long last, List<ExpectedAlert> labels, List<DnsEvent> injected) {
    super(day(first), day(last));
    this.files = List.copyOf(files);
    this.format = format;
    this.labels = List.copyOf(labels);
    this.injected = List.copyOf(injected);
  }

  private static LocalDate day(long time) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
  }

  /** The log's file name, and how many files follow it. */
  @Override
  public String name() {
    String name = files.get(0).getFileName().toString();
    return files.size() == 1 ? name : name + " and " + (files.size() - 1) + " more";
  }

  @Override
  public List<ExpectedAlert> labels() {
    return labels;
  }

  @Override
  public List<LookAlike> lookAlikes() {
    if (labels.isEmpty()) {
      return List.of();
    }
    String names = labels.stream().flatMap(l -> java.util.stream.Stream.of(l.domain(), l.previousDomain()))
        .filter(java.util.Objects::nonNull).distinct().map(Pattern::quote).collect(Collectors.joining("|"));
    return List.of(new LookAlike(INJECTED_NAME, names));
  }

  @Override
  public void generate(Consumer<DnsEvent> sink) throws IOException {
    Merge merge = new Merge(sink);
    new FileIngestor(merge, new IngestSummary()).ingest(files, format);
    merge.rest();
  }

  /** Passes the log's events on, each after the injected events not later than it. */
  private final class Merge extends EventsOnlySink {
    private final Consumer<DnsEvent> sink;
    private int next;

    Merge(Consumer<DnsEvent> sink) {
      this.sink = sink;
    }

    @Override
    public void event(String key, DnsEvent event) {
      long time = event.getEventTime().toEpochMilli();
      while (next < injected.size() && injected.get(next).getEventTime().toEpochMilli() <= time) {
        sink.accept(injected.get(next++));
      }
      sink.accept(event);
    }

    void rest() {
      while (next < injected.size()) {
        sink.accept(injected.get(next++));
      }
    }
  }
}
