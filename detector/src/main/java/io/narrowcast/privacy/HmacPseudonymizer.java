package io.narrowcast.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for sources: HMAC-SHA256 of the canonical source text under a secret key, cut to
 * {@value #PSEUDONYM_BYTES} bytes and written as {@value #PREFIX} plus hex, e.g.
 * {@code p-3b1f0c5e9a7d2e4f6a8b0c1d}. The same key always gives the same pseudonym, so querier sets,
 * baselines and shares are unchanged; without the key nobody can reverse one, nor test guesses
 * against it, which a plain hash over the 2^32 IPv4 addresses would allow.
 */
public final class HmacPseudonymizer implements SourcePseudonymizer {
  /** What every pseudonym starts with: it can never be mistaken for an address. */
  public static final String PREFIX = "p-";
  /** Shortest key accepted. */
  public static final int MIN_KEY_BYTES = 16;
  /** 96 bits: collisions stay unlikely (about 1 in 10^10) even among all 2^32 IPv4 addresses. */
  static final int PSEUDONYM_BYTES = 12;
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /**
   * A pseudonymizer with {@code key}.
   *
   * @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public HmacPseudonymizer(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the pseudonymization key has " + key.length + " bytes, at least "
          + MIN_KEY_BYTES + " are needed (for example: head -c 32 /dev/urandom > narrowcast.key)");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
    newMac(); // fail here, not on the first event, if the JDK lacks the algorithm
  }

  /**
   * Reads the key from a file, as {@link KeyBytes#read(Path)} does.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the key is too short
   */
  public static HmacPseudonymizer fromKeyFile(Path file) throws IOException {
    return new HmacPseudonymizer(KeyBytes.read(file));
  }

  @Override
  public String apply(String canonicalSource) {
    Mac mac = macs.get();
    byte[] digest = mac.doFinal(canonicalSource.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HEX.formatHex(digest, 0, PSEUDONYM_BYTES);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is not usable in this JVM", e);
    }
  }
}
