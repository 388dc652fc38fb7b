package io.fingerprint.saver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientGoneLogFilterTest {

    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception in SSE server handling, impossible to send it to client");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void aClientThatWentAwayIsOneInfoLineWithoutTrace() {
        LogRecord record = record(ClientGoneLogFilter.SSE_HANDLER, new IllegalArgumentException("Stream no longer exists: 1"));
        assertThat(filter.isLoggable(record)).isTrue();
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getThrown()).isNull();
    }

    @Test
    void otherSseFailuresAndOtherLoggersKeepTheirLevelAndTrace() {
        IllegalStateException bug = new IllegalStateException("serialization failed");
        LogRecord sse = record(ClientGoneLogFilter.SSE_HANDLER, bug);
        assertThat(filter.isLoggable(sse)).isTrue();
        assertThat(sse.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(sse.getThrown()).isSameAs(bug);

        IllegalArgumentException gone = new IllegalArgumentException("Stream no longer exists: 1");
        LogRecord other = record("io.fingerprint.saver.store.SaveWorker", gone);
        assertThat(filter.isLoggable(other)).isTrue();
        assertThat(other.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(other.getThrown()).isSameAs(gone);
    }
}
