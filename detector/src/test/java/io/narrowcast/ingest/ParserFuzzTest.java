package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.framestream.ControlType;
import io.narrowcast.framestream.FrameStreamWriter;
import io.narrowcast.framestream.FrameStreams;
import io.narrowcast.normalize.EventNormalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated real lines and random bytes through every parser and the router: nothing escapes as an
 * exception and every record is counted exactly once. Seeded, so a failure is reproducible.
 */
class ParserFuzzTest {
  static final Path REAL = Path.of("..", "..", "shared", "data", "real");
  static final int ROUNDS = 3_000;
  static final String[] TOKENS = {"\"", "{", "}", "[", "]", "\t", ",", ":", "#", "-", ".", "\\", "null", "true",
      "99999999999999999999", "-1", "1e309", "ü", "\u0000", "\uFFFD", "@0x", "#53", " query: ", "(", ")", "..", "xn--",
      "\\195", "\\."};

  /** Counts headers and blank lines, the results that are not records. */
  static final class CountingParser implements RecordParser {
    final RecordParser inner;
    long meta;

    CountingParser(RecordParser inner) {
      this.inner = inner;
    }

    @Override
    public ParseResult parse(String line) {
      ParseResult result = inner.parse(line);
      if (result instanceof ParseResult.Meta) {
        meta++;
      }
      return result;
    }
  }

  static List<String> seeds(Format format) throws IOException {
    List<String> seeds = new ArrayList<>(switch (format) {
      case ZEEK -> List.of(String.join("\n", ZeekTsvParserTest.HEADER).split("\n"));
      case SURICATA -> List.of(SuricataEveParserTest.V2_QUERY, SuricataEveParserTest.V2_ANSWER,
          SuricataEveParserTest.V3_REQUEST, SuricataEveParserTest.V3_RESPONSE, SuricataEveParserTest.FLOW);
      case BIND -> List.of("23-Sep-2016 14:02:03.217 queries: info: " + BindQueryParserTest.QUERY,
          "Nov 27 10:15:01 ns1 named[1234]: " + BindQueryParserTest.QUERY, BindQueryParserTest.QUERY, BindQueryParserTest.REAL,
          BindQueryParserTest.REAL.replace("pizzaseo.com", "02l21a0d002.\\(none\\)"),
          BindQueryParserTest.REAL.replace("pizzaseo.com", "b\\195\\188cher.example"));
      case JSONL -> List.of("{\"event_time\":\"2016-09-27T07:00:00Z\",\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\","
          + "\"qtype\":\"A\",\"rcode\":\"NXDOMAIN\",\"answers\":[{\"type\":\"A\",\"ttl\":60,\"data\":\"192.0.2.1\"}]}");
      default -> List.<String>of();
    });
    Path real = switch (format) {
      case ZEEK -> REAL.resolve("m57/2009-M57-day11-18.dns.log");
      case ZEEK_JSON -> REAL.resolve("otrf_apt29/day2_NEWYORK_dns.log");
      case SURICATA -> REAL.resolve("ctu/slips_test6-malicious.suricata.eve.json");
      default -> null;
    };
    if (real != null && Files.isReadable(real)) {
      try (Stream<String> lines = Files.lines(real)) {
        lines.limit(300).forEach(seeds::add);
      }
    }
    assertThat(seeds).as("seed lines for %s", format).isNotEmpty();
    return seeds;
  }

  static String mutate(String line, Random random) {
    StringBuilder out = new StringBuilder(line);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = out.length() == 0 ? 0 : random.nextInt(out.length());
      switch (random.nextInt(6)) {
        case 0 -> {
          if (out.length() > 0) {
            out.setCharAt(at, (char) random.nextInt(0x3000));
          }
        }
        case 1 -> out.setLength(at);
        case 2 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
        case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + 1 + random.nextInt(40))));
        case 4 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        default -> out.replace(0, out.length(), garbage(random));
      }
    }
    return out.toString().replace('\n', ' ');
  }

  static String garbage(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"ZEEK", "ZEEK_JSON", "SURICATA", "BIND", "JSONL"})
  void lineParsersCountEveryMutatedLineOnce(Format format) throws IOException {
    List<String> seeds = seeds(format);
    Random random = new Random(format.ordinal() * 7919L);
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    RecordRouter router = new RecordRouter(sink, summary, EventNormalizer.exact());
    CountingParser parser = new CountingParser(format.newParser("fuzz"));
    long lines = 0;
    for (String seed : seeds) { // unmutated first, so that headers are in place
      router.routeLine(parser, RecordRouterTest.line(seed), "seed");
      lines++;
    }
    for (int i = 0; i < ROUNDS; i++) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      router.routeLine(parser, RecordRouterTest.line(random.nextInt(10) == 0 ? garbage(random) : mutate(seed, random)), "fuzz:" + i);
      lines++;
    }
    router.finish();

    assertThat(summary.read() + parser.meta).isEqualTo(lines);
    assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.skipped());
    assertThat(sink.events).hasSize((int) summary.accepted());
    assertThat(sink.deadLetters).hasSize((int) summary.rejected());
    assertThat(summary.accepted()).as("some mutations keep a valid record").isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void dnstapFramesCountEveryMutatedPayloadOnce(long seed) throws IOException {
    Random random = new Random(seed);
    Instant time = Instant.parse("2016-09-27T07:00:00Z");
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < ROUNDS / 3; i++) {
      byte[] valid = i % 2 == 0
          ? DnstapMessages.query(i, "10.0.0." + (i % 200), 1000 + i, "n" + i + ".example", 1, time)
          : DnstapMessages.response(i - 1, "2001:db8::" + (i % 200), 999 + i, "n" + (i - 1) + ".example", 1, time, "192.0.2.1");
      payloads.add(switch (random.nextInt(4)) {
        case 0 -> valid;
        case 1 -> flipBytes(valid, random);
        case 2 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length) + 1);
        default -> garbage(random).getBytes(StandardCharsets.UTF_8);
      });
    }
    payloads.removeIf(payload -> payload.length == 0);
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    RecordRouter router = new RecordRouter(sink, summary, EventNormalizer.exact());
    FileIngestor ingestor = new FileIngestor(router);
    ingestor.ingest(new ByteArrayInputStream(stream(payloads)), Format.DNSTAP, "fuzz.fstrm", "fuzz");
    ingestor.finish();

    assertThat(summary.read()).isEqualTo(payloads.size());
    assertThat(sink.events).hasSize((int) summary.accepted());
    assertThat(sink.deadLetters).hasSize((int) summary.rejected());
    assertThat(summary.accepted()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomBytesAsAFrameStreamNeverThrow(long seed) throws IOException {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(2_000)];
      random.nextBytes(bytes);
      if (random.nextBoolean()) { // a valid START first, so that the data path is reached too
        byte[] start = stream(List.of());
        byte[] joined = java.util.Arrays.copyOf(start, start.length - 12 + bytes.length);
        System.arraycopy(bytes, 0, joined, start.length - 12, bytes.length);
        bytes = joined;
      }
      RecordingSink sink = new RecordingSink();
      IngestSummary summary = new IngestSummary();
      FrameStreams.readUnidirectional(new ByteArrayInputStream(bytes), DnstapDecoder.CONTENT_TYPE, "random",
          new DnstapFrames(new DnstapDecoder("fuzz"), new RecordRouter(sink, summary, EventNormalizer.exact())));
      assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.skipped());
    }
  }

  static byte[] flipBytes(byte[] valid, Random random) {
    byte[] copy = valid.clone();
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  /** A dnstap file: START, the payloads as data frames, STOP (12 bytes). */
  static byte[] stream(List<byte[]> payloads) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      FrameStreamWriter writer = new FrameStreamWriter(bytes).control(ControlType.START, List.of(DnstapDecoder.CONTENT_TYPE));
      for (byte[] payload : payloads) {
        writer.data(payload);
      }
      writer.control(ControlType.STOP, List.of()).flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
