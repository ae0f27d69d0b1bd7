package io.narrowcast.microbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.ParseResult;
import io.narrowcast.state.BinarySerde;
import io.narrowcast.state.QuerierSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each benchmark called once on its set-up state, so that a change to the code under measurement
 * cannot leave a benchmark timing a rejection, a skip or an empty result. JMH itself does not run here.
 */
class BenchmarksTest {
  private static final String FIRST_ADDRESS = "52.97.146.178";

  @Nested
  class Parse {
    private final ParseBench bench = new ParseBench();

    Parse() {
      bench.setup();
    }

    @Test
    void zeekTsvAndJsonGiveTheLookupWithItsFiveAnswers() {
      for (ParseResult result : new ParseResult[] {bench.zeekTsv(), bench.zeekJson()}) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        DnsEvent event = Samples.parsed(result);
        assertThat(event.getQuery()).isEqualTo(Samples.QUERY);
        assertThat(event.getSourceIp()).isEqualTo(Samples.SOURCE);
        assertThat(event.getAnswers()).hasSize(5);
        assertThat(event.getAnswers().get(2).getData()).isEqualTo(FIRST_ADDRESS);
      }
    }

    @Test
    void suricataGivesBothHalvesOfOneTransaction() {
      ParseResult.Half query = (ParseResult.Half) bench.suricataQuery();
      ParseResult.Half answer = (ParseResult.Half) bench.suricataAnswer();
      assertThat(query.response()).isFalse();
      assertThat(answer.response()).isTrue();
      assertThat(answer.transaction()).isEqualTo(query.transaction());
      assertThat(query.event().getQuery()).isEqualTo(Samples.QUERY);
      assertThat(answer.event().getAnswers()).hasSize(5);
    }
  }

  @Nested
  class Normalize {
    private final NormalizeBench bench = new NormalizeBench();

    Normalize() {
      bench.setup();
    }

    @Test
    void namesAndAddressesComeOutCanonical() throws Exception {
      assertThat(bench.asciiName()).isEqualTo(Samples.QUERY);
      assertThat(bench.unicodeName()).isEqualTo("xn--bcher-kva.example");
      assertThat(bench.ipv4Address()).isEqualTo(Samples.SOURCE);
      assertThat(bench.ipv6Address()).isEqualTo("2001:db8::ff00:42:8329");
      assertThat(bench.ipv4Prefix()).isEqualTo("10.1.20.0/24");
    }

    @Test
    void theEventIsNormalizedFromRawInputOnEveryCall() throws Exception {
      for (int call = 0; call < 2; call++) {
        DnsEvent event = bench.event();
        assertThat(event.getQuery()).isEqualTo(Samples.QUERY);
        assertThat(event.getSourceIp()).isEqualTo(Samples.SOURCE);
      }
    }
  }

  @Nested
  class QuerierSets {
    @ParameterizedTest
    @EnumSource(QuerierSetBench.Shape.class)
    void addCountsALookupAndTheBytesRoundTrip(QuerierSetBench.Shape shape) {
      QuerierSetBench bench = setUp(shape);
      byte[] bytes = bench.serialize();
      QuerierSet read = bench.deserialize();

      assertThat(read.distinctSources()).isCloseTo((long) shape.sources, withinPercentage(5));
      assertThat(read.isExact()).isEqualTo(shape == QuerierSetBench.Shape.LONG_TAIL);
      assertThat(BinarySerde.querierSets().serializer().serialize(QuerierSetBench.STORE, read)).isEqualTo(bytes);
      assertThat(bench.add()).isEqualTo(shape.sources + 1);
    }

    private QuerierSetBench setUp(QuerierSetBench.Shape shape) {
      QuerierSetBench bench = new QuerierSetBench();
      bench.shape = shape;
      bench.setup();
      return bench;
    }
  }

  @Nested
  class Avro {
    @Test
    void decodeGivesBackTheEncodedEvent() {
      AvroBench bench = new AvroBench();
      bench.setup();
      assertThat(bench.encode()).isNotEmpty();
      assertThat(bench.decode()).isEqualTo(Samples.event());
    }
  }
}
