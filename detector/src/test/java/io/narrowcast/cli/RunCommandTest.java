package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run refuses unusable secrets with one line and status 2, before it starts anything. */
class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void aShortTokenIsRefused() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "short\n");

    Object[] result = MainTest.run("run", "--http-token-file", token.toString());

    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).isEqualTo("run: --http-token-file: the token in " + token + " has 5 characters, "
        + "at least 16 are needed (for example: openssl rand -hex 32 > " + token + ")" + System.lineSeparator());
  }

  @Test
  void aShortOrMissingPseudonymizationKeyIsRefused() throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "0123456789\n");

    Object[] shortKey = MainTest.run("run", "--pseudonymize-sources", key.toString());
    Object[] missing = MainTest.run("run", "--pseudonymize-sources", dir.resolve("nope").toString());

    assertThat(shortKey[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) shortKey[1]).hasLineCount(1)
        .startsWith("run: --pseudonymize-sources: the pseudonymization key has 10 bytes, at least 16 are needed");
    assertThat(missing[1]).isEqualTo("run: --pseudonymize-sources: cannot read " + dir.resolve("nope") + System.lineSeparator());
  }

  @Test
  void aBadEndpointIsOneLine() {
    Object[] result = MainTest.run("run", "--http-bind", "localhost");

    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("'localhost' is not HOST:PORT");
  }
}
