package io.narrowcast.detect;

import io.narrowcast.state.QuerierSet;

/** A domain's querier set in the window starting at {@code start}. */
public record WindowSet(long start, QuerierSet set) {}
