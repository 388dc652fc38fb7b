package io.fingerprint.formats.fingerprint;

/** Error texts fit for one log line or one DLQ header. */
final class Reasons {

    private Reasons() {
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
