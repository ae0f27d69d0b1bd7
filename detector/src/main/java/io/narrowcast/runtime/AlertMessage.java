package io.narrowcast.runtime;

import io.narrowcast.avro.Alert;

/**
 * One record of dns.alerts as a consumer reads it: the alert with its key (the domain) and its record
 * timestamp, which the detector sets from event time.
 */
public record AlertMessage(String key, long timestamp, Alert alert) {}
