package io.fingerprint.generator.emit;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Hands readings to the {@code sensor-data} channel with key = equip_id and the Kafka record
 * timestamp = the reading's timestamp. Acks and nacks feed {@link ReadingCounters}.
 */
@Singleton
public class KafkaReadingSender {

    /**
     * Bounded on purpose: the ticker asks {@link #hasCapacity()} before every send and stops the
     * slice when it is full, so memory stays bounded at any rate. The connector does not wait for
     * one record's acknowledgement before sending the next (application.properties), so this bound
     * on readings handed over but not yet acknowledged is what keeps them few: 16k readings is about
     * 25 ms at the 660 000 readings/s reached here (bench 5), enough to ride out a producer hiccup,
     * small enough to be harmless (65 536 was much slower in a trial, 8 192 the same).
     */
    static final int MAX_UNACKNOWLEDGED = 16_384;

    /** The channel, and so its settings' prefix in application.properties. */
    static final String CHANNEL = "sensor-data";

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Emitter<String> emitter;
    private final ReadingCounters counters;
    private final AtomicLong unacknowledged = new AtomicLong();
    private final Supplier<CompletionStage<Void>> ack = this::acked;
    private final Function<Throwable, CompletionStage<Void>> nack = this::nacked;

    @Inject
    public KafkaReadingSender(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = MAX_UNACKNOWLEDGED) Emitter<String> emitter, ReadingCounters counters) {
        this.emitter = emitter;
        this.counters = counters;
    }

    /** False while too many readings await Kafka's acknowledgement, or the channel is not (yet) wired. */
    public boolean hasCapacity() {
        return unacknowledged.get() < MAX_UNACKNOWLEDGED && emitter.hasRequests();
    }

    /**
     * Sends one reading; false if the emitter refused it (full, or the channel is gone), in which
     * case nothing was queued.
     */
    public boolean send(String key, String json, long timestampMillis) {
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withTimestamp(Instant.ofEpochMilli(timestampMillis))
                .build();
        Message<String> message = new ReadingMessage(json, kafka, ack, nack);
        unacknowledged.incrementAndGet();
        try {
            emitter.send(message);
        } catch (IllegalStateException refused) {
            unacknowledged.decrementAndGet();
            return false;
        }
        counters.onEmitted();
        return true;
    }

    private CompletionStage<Void> acked() {
        unacknowledged.decrementAndGet();
        counters.onSent();
        return DONE;
    }

    private CompletionStage<Void> nacked(Throwable reason) {
        unacknowledged.decrementAndGet();
        counters.onFailed(reason);
        return DONE;
    }
}
