package io.fingerprint.formats.fingerprint;

import java.util.regex.Pattern;

/**
 * The pipeline's one UUID rule: canonical 8-4-4-4-12 hex text and nothing else, because a
 * fingerprint's uuid becomes part of a file name. Fingerprints and requests may write it in either
 * case; the saver's file names and cursors carry it in lower case.
 */
public final class UuidText {

    /** Lower case only: a saved file's name, a cursor. */
    public static final Pattern LOWER_CASE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Either case: a fingerprint's uuid field, a request's path. */
    public static final Pattern ANY_CASE = Pattern.compile(LOWER_CASE.pattern(), Pattern.CASE_INSENSITIVE);

    private UuidText() {
    }
}
