package io.fingerprint.saver.ingest;

/** What the join needs to know of a {@code sensor-data} record: whose it is and when. */
public record ReadingKey(long equipId, long timestamp) {
}
