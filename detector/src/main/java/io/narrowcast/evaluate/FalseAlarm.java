package io.narrowcast.evaluate;

import io.narrowcast.avro.Alert;

/**
 * An alert no label asked for.
 *
 * @param scenario where it fired
 * @param alert the alert's first message
 * @param why the look-alike class it fired on, "duplicate" for a second alert on a labelled
 *     anomaly, or "background" for ordinary traffic
 */
public record FalseAlarm(String scenario, Alert alert, String why) {}
