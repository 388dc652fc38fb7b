package io.fingerprint.saver.join;

import io.fingerprint.saver.ingest.Fingerprint;
import java.util.ArrayList;
import java.util.List;

/** A fingerprint waiting for its inputs, with every delivery of it (duplicates share one file). */
final class PendingFingerprint {

    final Fingerprint fingerprint;
    final long receivedAt;
    final List<Delivery> deliveries = new ArrayList<>(1);

    PendingFingerprint(Fingerprint fingerprint, long receivedAt, Delivery delivery) {
        this.fingerprint = fingerprint;
        this.receivedAt = receivedAt;
        deliveries.add(delivery);
    }
}
