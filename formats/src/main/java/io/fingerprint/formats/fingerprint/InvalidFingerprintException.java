package io.fingerprint.formats.fingerprint;

/** A fingerprint message that cannot be used; the message is a one-line reason, never a stack trace. */
public class InvalidFingerprintException extends Exception {

    public InvalidFingerprintException(String reason) {
        super(reason, null, false, false);
    }
}
