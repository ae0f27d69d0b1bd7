package io.narrowcast.evaluate;

import io.narrowcast.simulate.ExpectedAlert;

/** A labelled anomaly that raised no matching alert. */
public record Miss(String scenario, ExpectedAlert label) {}
