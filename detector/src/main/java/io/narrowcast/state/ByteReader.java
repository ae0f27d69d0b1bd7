package io.narrowcast.state;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; every read is bounds-checked. */
final class ByteReader {
  private final byte[] buffer;
  private int position;

  ByteReader(byte[] buffer) {
    this.buffer = buffer;
  }

  int readByte() {
    need(1);
    return buffer[position++] & 0xFF;
  }

  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptStateException("variable-length number longer than 10 bytes");
  }

  int readLength() {
    long length = readVarLong();
    if (length < 0 || length > buffer.length - position) {
      throw new CorruptStateException("length " + length + " exceeds the " + (buffer.length - position) + " bytes left");
    }
    return (int) length;
  }

  String readString() {
    int length = readLength();
    String value = new String(buffer, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  byte[] readBytes() {
    int length = readLength();
    byte[] out = new byte[length];
    System.arraycopy(buffer, position, out, 0, length);
    position += length;
    return out;
  }

  void skipBytes() {
    int length = readLength(); // before the position is read: the length moves it
    position += length;
  }

  boolean atEnd() {
    return position == buffer.length;
  }

  private void need(int count) {
    if (position + count > buffer.length) {
      throw new CorruptStateException("truncated: needed " + count + " more bytes at offset " + position);
    }
  }
}
