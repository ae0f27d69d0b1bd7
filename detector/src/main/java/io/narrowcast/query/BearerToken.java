package io.narrowcast.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The shared secret that callers of the HTTP endpoint present as {@code Authorization: Bearer TOKEN}.
 * Every instance of a deployment uses the same token, so that they can forward queries to each other.
 */
public final class BearerToken {
  /** Shortest token accepted: anything shorter is guessable. */
  public static final int MIN_LENGTH = 16;
  private static final String SCHEME = "Bearer ";

  private final byte[] token;

  private BearerToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the token from the first line of {@code file}, surrounding blanks removed.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the token is shorter than {@value #MIN_LENGTH} characters
   */
  public static BearerToken fromFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    int lineEnd = text.indexOf('\n');
    String token = (lineEnd < 0 ? text : text.substring(0, lineEnd)).strip();
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the token in " + file + " has " + token.length()
          + " characters, at least " + MIN_LENGTH + " are needed (for example: openssl rand -hex 32 > " + file + ")");
    }
    return new BearerToken(token);
  }

  /** True when {@code authorization} (the header's value, may be null) carries this token; constant time. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] given = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, given);
  }

  /** The value of an {@code Authorization} header that carries this token. */
  public String header() {
    return SCHEME + new String(token, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "BearerToken[******]";
  }
}
