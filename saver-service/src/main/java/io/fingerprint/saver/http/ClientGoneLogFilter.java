package io.fingerprint.saver.http;

import io.quarkus.logging.LoggingFilter;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A dashboard or {@code /fingerprints/stream} client that goes away while an event is being written is
 * normal (a closed tab, a test's client), but RESTEasy Reactive logs it as an ERROR with a Netty stack
 * trace ("Exception in SSE server handling ... Stream no longer exists"). It becomes one INFO line
 * without the trace; any other SSE failure is left as it is.
 */
@LoggingFilter(name = "client-gone")
public final class ClientGoneLogFilter implements Filter {

    static final String SSE_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (SSE_HANDLER.equals(record.getLoggerName()) && clientGone(record.getThrown())) {
            record.setLevel(Level.INFO);
            record.setThrown(null);
        }
        return true;
    }

    static boolean clientGone(Throwable thrown) {
        if (thrown instanceof ClosedChannelException) {
            return true;
        }
        String message = thrown == null ? null : thrown.getMessage();
        return message != null && (message.startsWith("Stream no longer exists") || message.contains("Connection reset"));
    }
}
