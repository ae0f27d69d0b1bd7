package io.narrowcast.state;

/** A source and how many lookups it made. */
public record SourceCount(String source, long queries) {}
