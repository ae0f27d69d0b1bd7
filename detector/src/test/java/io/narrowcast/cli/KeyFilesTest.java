package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key or token file other users can get into is a one-line warning, as ssh gives, not a failure. */
class KeyFilesTest {
  static final String NL = System.lineSeparator();
  /** Nothing listens there: the query fails at once, after the token was read. */
  static final String NOWHERE = "http://127.0.0.1:1";

  @TempDir
  Path dir;

  @Test
  void aTokenFileOthersCanReadIsWarnedAboutInOneLine() throws Exception {
    Path token = token("rw-r--r--", "query-token-0123456789");

    Cli.Result result = Cli.run("query", "mail1.example.com", "--url", NOWHERE, "--http-token-file", token.toString());

    assertThat(result.err().lines().toList()).hasSize(2).first().isEqualTo("warning: --http-token-file " + token
        + " is open to other users (rw-r--r--); make it owner-only: chmod 600 " + token);
    assertThat(result.err()).contains("query: ");
  }

  @Test
  void anOwnerOnlyTokenFileIsNotWarnedAbout() throws Exception {
    Path token = token("rw-------", "query-token-0123456789");

    Cli.Result result = Cli.run("query", "mail1.example.com", "--url", NOWHERE, "--http-token-file", token.toString());

    assertThat(result.err()).doesNotContain("warning").startsWith("query: ");
  }

  @Test
  void aKeyFileThatIsRefusedGetsItsErrorOnly() throws Exception {
    Path key = token("rw-r--r--", "short\n");

    Cli.Result result = Cli.run("run", "--pseudonymize-sources", key.toString(), "--data-dir", dir.resolve("data").toString());

    assertThat(result.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(result.err()).startsWith("run: --pseudonymize-sources: ").doesNotContain("warning").endsWith(NL)
        .hasLineCount(1);
  }

  private Path token(String mode, String content) throws Exception {
    Path file = Files.writeString(dir.resolve("secret-" + mode), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
