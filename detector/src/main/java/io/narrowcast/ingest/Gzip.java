package io.narrowcast.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Gzip as ingest recognizes it: by the two magic bytes it starts with, whatever the file is called. */
public final class Gzip {
  private static final int MAGIC_1 = 0x1f;
  private static final int MAGIC_2 = 0x8b;

  private Gzip() {}

  /** Whether {@code in} starts with the gzip magic; reads up to two bytes. */
  public static boolean startsWithMagic(InputStream in) throws IOException {
    return in.read() == MAGIC_1 && in.read() == MAGIC_2;
  }

  /** Whether the file is gzip; an empty one is not. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return startsWithMagic(in);
    }
  }
}
