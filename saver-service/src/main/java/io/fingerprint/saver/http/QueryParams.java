package io.fingerprint.saver.http;

import io.fingerprint.servicehttp.ApiException;
import io.fingerprint.formats.fingerprint.UuidText;
import io.fingerprint.saver.store.FingerprintQuery;
import io.fingerprint.saver.store.FingerprintSummary;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks request parameters by hand (all arrive as text), so every bad value gets a 400 with a
 * reason instead of a framework 404, and nothing unchecked reaches the index or the file system.
 * The API and the dashboard both check theirs here.
 */
public final class QueryParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Pattern EQUIP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EPOCH_MS = Pattern.compile("[0-9]{1,18}");
    static final String UUID_ERROR = "uuid must be a UUID such as 550e8400-e29b-41d4-a716-446655440000";
    private static final String EQUIP_ID_ERROR = "equip_id must be 1-64 letters, digits, '-' or '_'";

    private QueryParams() {
    }

    static FingerprintQuery query(String equipId, String from, String to, String limit, String cursor) {
        String equip = equipId(equipId);
        Long fromMs = epochMs("from", from);
        Long toMs = epochMs("to", to);
        if (fromMs != null && toMs != null && fromMs > toMs) {
            throw ApiException.badRequest("from must not be after to");
        }
        int size = limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        FingerprintSummary after = null;
        if (present(cursor)) {
            try {
                after = FingerprintQuery.parseCursor(cursor.trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        return new FingerprintQuery(equip, fromMs, toMs, size, after);
    }

    /** Null when absent. */
    static String equipId(String value) {
        if (!present(value)) {
            return null;
        }
        if (!EQUIP_ID.matcher(value.trim()).matches()) {
            throw ApiException.badRequest(EQUIP_ID_ERROR);
        }
        return value.trim();
    }

    /** Absent counts as bad, with the same reason. */
    public static String requiredEquipId(String value) {
        String equipId = equipId(value);
        if (equipId == null) {
            throw ApiException.badRequest(EQUIP_ID_ERROR);
        }
        return equipId;
    }

    /** Only a canonical UUID passes, so "..", "/" or "%2e%2e" never get near a path. */
    public static String uuid(String value) {
        if (value == null || !UuidText.ANY_CASE.matcher(value).matches()) {
            throw ApiException.badRequest(UUID_ERROR);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static Long epochMs(String name, String value) {
        if (!present(value)) {
            return null;
        }
        if (!EPOCH_MS.matcher(value.trim()).matches()) {
            throw ApiException.badRequest(name + " must be a non-negative whole number of epoch milliseconds");
        }
        return Long.parseLong(value.trim());
    }

    /** A page size from 1 to {@code max}; {@code defaultLimit} when absent. */
    public static int limit(String value, int defaultLimit, int max) {
        if (!present(value)) {
            return defaultLimit;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + max);
        }
        return n;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
