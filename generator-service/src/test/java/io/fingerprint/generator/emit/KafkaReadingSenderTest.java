package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The connector does not hold records back until acknowledged: the sender's own bound does. */
class KafkaReadingSenderTest {

    /** Takes every message and keeps it, unacknowledged, as a connector waiting on Kafka would. */
    static final class HoldingEmitter implements Emitter<String> {
        final List<Message<String>> held = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException("the sender sends messages");
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            @SuppressWarnings("unchecked")
            Message<String> m = (Message<String>) message;
            held.add(m);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    @Test
    void takesNoMoreOnceTheBoundAwaitsKafkaAndMoreAgainAsItAcknowledges() {
        HoldingEmitter emitter = new HoldingEmitter();
        ReadingCounters counters = new ReadingCounters();
        KafkaReadingSender sender = new KafkaReadingSender(emitter, counters);
        int sent = 0;
        while (sender.hasCapacity()) {
            assertThat(sender.send("110", "{}", 1L)).isTrue();
            sent++;
        }
        assertThat(sent).isEqualTo(KafkaReadingSender.MAX_UNACKNOWLEDGED);

        emitter.held.get(0).ack().toCompletableFuture().join();
        emitter.held.get(1).nack(new IllegalStateException("timed out")).toCompletableFuture().join();
        assertThat(sender.hasCapacity()).isTrue();
        assertThat(counters.sent()).isEqualTo(1);
        assertThat(counters.failed()).isEqualTo(1);
        assertThat(sender.send("110", "{}", 2L)).isTrue();
        assertThat(sender.send("110", "{}", 3L)).isTrue();
        assertThat(sender.hasCapacity()).isFalse();
    }
}
