package io.fingerprint.generator.emit;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops SmallRye's per-record "was not sent to Kafka - nacking message" error (SRMSG18212), which
 * comes with a stack trace for every reading: with the broker down at 1 000 readings/s that is a
 * thousand stack traces a second. Every failure is still counted ({@code generator_readings_failed_total})
 * and summed up in one line every 10 s with the last error (see {@link BatchLog}).
 */
@LoggingFilter(name = "send-failures")
public final class SendFailureLogFilter implements Filter {

    static final String PER_RECORD_FAILURE = "SRMSG18212";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.startsWith(PER_RECORD_FAILURE);
    }
}
