package io.fingerprint.saver.store;

import io.fingerprint.formats.fingerprint.UuidText;

/**
 * A page request on the index; null fields do not filter.
 *
 * @param after the last item of the previous page (from the cursor)
 */
public record FingerprintQuery(String equipId, Long from, Long to, int limit, FingerprintSummary after) {

    /** The cursor of a page that ended at this item: its sort key, readable and checked on the way back. */
    public static String cursorOf(FingerprintSummary last) {
        return last.endMs() + "_" + last.startMs() + "_" + last.uuid();
    }

    /** The sort key a cursor stands for; IllegalArgumentException when it is not one. */
    public static FingerprintSummary parseCursor(String cursor) {
        String[] parts = cursor.split("_", -1);
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9]{1,18}")
                || !UuidText.LOWER_CASE.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("cursor is not one this service returned");
        }
        return FingerprintIndex.probe(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
    }
}
