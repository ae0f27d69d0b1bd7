package io.narrowcast.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable buffer with the variable-length encodings used by the state serdes. */
final class ByteWriter {
  private final int doublingLimit;
  private byte[] buffer;
  private int size;

  ByteWriter(int initialCapacity) {
    this(initialCapacity, Integer.MAX_VALUE);
  }

  /**
   * A buffer that doubles as it grows up to {@code doublingLimit} bytes, and past it only to what it
   * must hold: one that would double past half a G1 region is allocated outside the young generation
   * as a humongous object, and each such allocation may start a concurrent mark of the whole heap.
   */
  ByteWriter(int initialCapacity, int doublingLimit) {
    this.doublingLimit = doublingLimit;
    buffer = new byte[initialCapacity];
  }

  void writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** Unsigned LEB128: 1 byte below 128, at most 10. */
  void writeVarLong(long value) {
    ensure(10);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    buffer[size++] = (byte) rest;
  }

  void writeString(String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    // ASCII, as nearly every name and address is: its UTF-8 is its chars, written without a copy
    writeVarLong(length);
    ensure(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) value.charAt(i);
    }
  }

  void writeBytes(byte[] bytes) {
    writeVarLong(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  /** Overwrites a byte already written (a header field known only at the end). */
  void setByte(int index, int value) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index + " >= " + size);
    }
    buffer[index] = (byte) value;
  }

  int size() {
    return size;
  }

  /** Bytes it can hold before it grows. */
  int capacity() {
    return buffer.length;
  }

  /** Empties the buffer, keeping its capacity. */
  void clear() {
    size = 0;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(buffer, 0, size);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(Math.min(buffer.length * 2, doublingLimit), size + more));
    }
  }
}
