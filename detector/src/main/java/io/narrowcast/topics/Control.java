package io.narrowcast.topics;

import io.narrowcast.privacy.KeyBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Control records on {@link Topics#EVENTS}: a record with header {@value #HEADER} = {@value #TICK}
 * and no value is a heartbeat that advances event time on its partition to the time in header
 * {@value #TIME}, so that windows close at the end of a replay. Whoever may write dns.events could
 * otherwise close every window at will; so a tick counts only when header {@value #MAC} holds an
 * HMAC-SHA256 of its partition and time under the detector's control key, which only the detector
 * (and replay, which makes a key of its own for each run) holds. The record timestamp plays no part:
 * a tick far ahead of the broker's clock would be refused by the broker.
 */
public final class Control {
  public static final String HEADER = "narrowcast.control";
  public static final String TICK = "tick";
  /** The event time the tick advances to, in epoch milliseconds (decimal text). */
  public static final String TIME = "narrowcast.control.time";
  /** HMAC-SHA256 under the control key of "tick", the partition (4 bytes) and the time (8 bytes). */
  public static final String MAC = "narrowcast.control.mac";
  /** Shortest key accepted, as for the other secrets. */
  public static final int MIN_KEY_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private Control(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the control key has " + key.length + " bytes, at least " + MIN_KEY_BYTES
          + " are needed (for example: head -c 32 /dev/urandom > control.key)");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    mac(); // fail here, not on the first tick, if the JDK lacks the algorithm
  }

  /** A control key of 32 random bytes: replay's, for one run. */
  public static Control randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new Control(bytes);
  }

  /** The key in {@code bytes}. */
  public static Control withKey(byte[] bytes) {
    return new Control(bytes);
  }

  /** The key in a file, as {@link KeyBytes#read(Path)} reads it. */
  public static Control fromKeyFile(Path file) throws IOException {
    return new Control(KeyBytes.read(file));
  }

  /** Whether the record is meant as a control record (signed or not). */
  public static boolean isControl(Headers headers) {
    return headers.lastHeader(HEADER) != null;
  }

  /** Adds the headers of a tick to {@code partition} at event time {@code time}, signed, and returns them. */
  public Headers markTick(Headers headers, int partition, long time) {
    headers.add(HEADER, TICK.getBytes(StandardCharsets.UTF_8));
    headers.add(TIME, Long.toString(time).getBytes(StandardCharsets.UTF_8));
    headers.add(MAC, sign(partition, time));
    return headers;
  }

  /**
   * The event time of a tick read from {@code partition}, or empty when the record is no tick this
   * key signed for that partition.
   */
  public OptionalLong tickTime(Headers headers, int partition) {
    String kind = text(headers.lastHeader(HEADER));
    String time = text(headers.lastHeader(TIME));
    Header mac = headers.lastHeader(MAC);
    if (!TICK.equals(kind) || time == null || mac == null || mac.value() == null) {
      return OptionalLong.empty();
    }
    long millis;
    try {
      millis = Long.parseLong(time);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    return MessageDigest.isEqual(sign(partition, millis), mac.value()) ? OptionalLong.of(millis) : OptionalLong.empty();
  }

  private byte[] sign(int partition, long time) {
    Mac mac = mac();
    mac.update(TICK.getBytes(StandardCharsets.UTF_8));
    mac.update(ByteBuffer.allocate(12).putInt(partition).putLong(time).array());
    return mac.doFinal();
  }

  private Mac mac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not usable in this JVM", e);
    }
  }

  private static String text(Header header) {
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
