package io.narrowcast.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.Sources.Granularity;
import org.junit.jupiter.api.Test;

class SourcesTest {
  @Test
  void canonicalText() throws InvalidRecordException {
    assertThat(Sources.canonical("2001:DB8:0:0:0:0:0:1", Granularity.ADDRESS)).isEqualTo("2001:db8::1");
    assertThat(Sources.canonical("fe80::1%eth0", Granularity.ADDRESS)).isEqualTo("fe80::1");
    assertThat(Sources.canonical("217.12.96.15", Granularity.ADDRESS)).isEqualTo("217.12.96.15");
  }

  @Test
  void prefixes() throws InvalidRecordException {
    assertThat(Sources.canonical("217.12.96.15", Granularity.PREFIX)).isEqualTo("217.12.96.0/24");
    assertThat(Sources.canonical("2001:db8:abcd:12::1", Granularity.PREFIX)).isEqualTo("2001:db8:abcd::/48");
  }

  @Test
  void notAnAddress() {
    assertThatThrownBy(() -> Sources.canonical("host.example", Granularity.ADDRESS)).isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> Sources.canonical("300.1.1.1", Granularity.ADDRESS)).isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> Sources.canonical("", Granularity.ADDRESS)).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void theIpv4FastPathAgreesWithTheFullParse() throws InvalidRecordException {
    for (String text : java.util.List.of("0.0.0.0", "255.255.255.255", "217.12.96.15", "10.0.0.1")) {
      assertThat(Sources.isCanonicalIpv4(text)).as(text).isTrue();
      assertThat(Sources.canonical(text, Granularity.ADDRESS)).isEqualTo(text);
    }
    for (String text : java.util.List.of("010.0.0.1", "256.1.1.1", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "1..2.3", "1.2.3.x",
        "::1", "1234.1.1.1", ".1.2.3")) {
      assertThat(Sources.isCanonicalIpv4(text)).as(text).isFalse();
    }
    // the full parse still decides the rest: leading zeros are ambiguous (octal?), so refused as before
    assertThatThrownBy(() -> Sources.canonical("010.0.0.1", Granularity.ADDRESS)).isInstanceOf(InvalidRecordException.class);
  }
}
