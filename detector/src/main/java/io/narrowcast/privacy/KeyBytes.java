package io.narrowcast.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The bytes of a key file, as every key option reads them. */
public final class KeyBytes {
  private KeyBytes() {}

  /**
   * The file's bytes without trailing line breaks, so that a key written by
   * {@code openssl rand -hex 32 > FILE} and one typed in an editor mean what they look like.
   */
  public static byte[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    byte[] key = Arrays.copyOf(bytes, end);
    Arrays.fill(bytes, (byte) 0);
    return key;
  }
}
