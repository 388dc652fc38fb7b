package io.fingerprint.saver.ingest;

/** A Kafka record the saver cannot use; the message is a one-line reason, never a stack trace. */
public class InvalidRecordException extends Exception {

    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
