package io.fingerprint.saver.join;

import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import java.util.List;

/**
 * A fingerprint joined with its input records, ready to be written; its deliveries are acked after the write.
 *
 * @param joinedBy {@code "lineage"} (the records its {@code inputs} name) or {@code "time"} (a fingerprint
 *     without {@code inputs}: the records of its equipment stamped in its window, found by a bounded scan)
 * @param incompleteReason null when complete, else why not, in one line
 */
public record SaveRequest(ReceivedFingerprint fingerprint, InputRecords inputRecords, String joinedBy,
                          String incompleteReason, List<Delivery> deliveries) {

    public static final String BY_LINEAGE = "lineage";
    public static final String BY_TIME = "time";

    public boolean complete() {
        return incompleteReason == null;
    }
}
