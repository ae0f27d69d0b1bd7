package io.narrowcast.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacPseudonymizerTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** printf 217.12.96.15 | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef */
  static final String OPENSSL_HMAC = "90d9566d72a25001a2b02d48b0485048a2cf7c27aca0e306b65f342cf4053253";

  @TempDir
  Path dir;

  @Test
  void theSameSourceAndKeyAlwaysGiveTheSamePseudonym() {
    HmacPseudonymizer one = new HmacPseudonymizer(KEY);
    HmacPseudonymizer two = new HmacPseudonymizer(KEY.clone());

    assertThat(one.apply("217.12.96.15")).isEqualTo(two.apply("217.12.96.15"));
    assertThat(one.apply("217.12.96.15")).isNotEqualTo(one.apply("217.12.97.15"));
  }

  @Test
  void aPseudonymIsHmacSha256CutTo96BitsBehindAMarker() {
    assertThat(new HmacPseudonymizer(KEY).apply("217.12.96.15")).isEqualTo("p-" + OPENSSL_HMAC.substring(0, 24));
  }

  @Test
  void anotherKeyGivesUnrelatedPseudonyms() {
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThat(new HmacPseudonymizer(other).apply("217.12.96.15"))
        .isNotEqualTo(new HmacPseudonymizer(KEY).apply("217.12.96.15"));
  }

  @Test
  void aShortKeyIsRefusedWithItsLength() {
    assertThatThrownBy(() -> new HmacPseudonymizer(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the pseudonymization key has 15 bytes, at least 16 are needed");
  }

  @Test
  void aKeyFileMeansItsBytesWithoutTrailingLineBreaks() throws Exception {
    Path file = dir.resolve("key");
    Files.write(file, (new String(KEY, StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII));

    assertThat(HmacPseudonymizer.fromKeyFile(file).apply("10.0.0.1")).isEqualTo(new HmacPseudonymizer(KEY).apply("10.0.0.1"));
  }

  @Test
  void threadsSharingOnePseudonymizerAgree() throws Exception {
    HmacPseudonymizer shared = new HmacPseudonymizer(KEY);
    String expected = shared.apply("2001:db8::1");
    Thread[] threads = new Thread[4];
    String[] seen = new String[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int slot = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          shared.apply("10.0." + (i % 256) + ".1");
        }
        seen[slot] = shared.apply("2001:db8::1");
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).containsOnly(expected);
  }
}
