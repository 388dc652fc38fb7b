package io.fingerprint.saver.join;

import io.fingerprint.saver.ingest.Fingerprint;

/** A fingerprint handed over by the consumer thread to the join thread. */
record Arrival(Fingerprint fingerprint, Delivery delivery, long receivedAt) {
}
