package io.fingerprint.saver.store;

import io.fingerprint.formats.fingerprint.UuidText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {uuid}_{start_ms}_{end_ms}.json}, and the temporary names written before the rename. */
final class FileNames {

    private static final Pattern SAVED =
            Pattern.compile("(" + UuidText.LOWER_CASE.pattern() + ")_([0-9]{1,19})_([0-9]{1,19})\\.json");
    static final String TEMP_PREFIX = ".tmp-";

    private FileNames() {
    }

    static String of(String uuid, long startMs, long endMs) {
        return uuid + "_" + startMs + "_" + endMs + ".json";
    }

    static Matcher saved(String fileName) {
        return SAVED.matcher(fileName);
    }

    static boolean isTemp(String fileName) {
        return fileName.startsWith(TEMP_PREFIX);
    }
}
