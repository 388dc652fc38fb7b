package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import java.util.ArrayList;
import java.util.List;

/** A fingerprint waiting for its inputs, with every delivery of it (duplicates share one file). */
final class PendingFingerprint {

    final ReceivedFingerprint fingerprint;
    final List<Delivery> deliveries = new ArrayList<>(1);

    PendingFingerprint(ReceivedFingerprint fingerprint, Delivery delivery) {
        this.fingerprint = fingerprint;
        deliveries.add(delivery);
    }
}
