package io.fingerprint.formats.reading;

/**
 * A record that is not a valid sensor reading. Expected input, not a failure: it carries a one-line
 * reason for the dead-letter topic and no stack trace (cheap to throw, nothing to log).
 */
public final class InvalidReadingException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidReadingException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
