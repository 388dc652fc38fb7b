package io.fingerprint.saver.join;

/** A well-formed reading as produced (raw JSON bytes, nulls included) with its event time. */
public record BufferedReading(long timestamp, byte[] raw) {
}
