package io.narrowcast.privacy;

/**
 * What the detector keeps in place of a source address: the address itself, or a pseudonym. Applied
 * once, where sources are normalized, so that no store, internal topic, alert or query answer
 * downstream ever holds the address. Implementations are thread-safe: stream threads share one.
 */
@FunctionalInterface
public interface SourcePseudonymizer {
  /** Keeps sources as they are. */
  SourcePseudonymizer NONE = source -> source;

  /** The text to keep for a canonical source (an address, or a prefix in CIDR form). */
  String apply(String canonicalSource);
}
