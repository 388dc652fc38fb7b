package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class SendFailureLogFilterTest {

    private final SendFailureLogFilter filter = new SendFailureLogFilter();

    @Test
    void dropsOnlyThePerRecordSendFailure() {
        assertThat(filter.isLoggable(new LogRecord(Level.SEVERE,
                "SRMSG18212: Message %s from channel '%s' was not sent to Kafka topic '%s' - nacking message"))).isFalse();
        assertThat(filter.isLoggable(new LogRecord(Level.SEVERE, "SRMSG18209: Unable to write to Kafka from channel %s"))).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.WARNING, "%d messages failed to send in the last %.0f s"))).isTrue();
        assertThat(filter.isLoggable(new LogRecord(Level.INFO, null))).isTrue();
    }
}
