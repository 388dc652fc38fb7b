package io.fingerprint.saver.join;

import io.fingerprint.saver.ingest.Fingerprint;
import java.util.List;

/** A fingerprint joined with its input records, ready to be written; its deliveries are acked after the write. */
public record SaveRequest(Fingerprint fingerprint, List<BufferedReading> inputRecords, boolean complete,
                          List<Delivery> deliveries) {
}
