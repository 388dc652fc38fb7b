package io.fingerprint.saver.ingest;

import io.fingerprint.formats.fingerprint.FingerprintReader;
import io.fingerprint.formats.fingerprint.InvalidFingerprintException;
import io.fingerprint.formats.fingerprint.ReceivedFingerprint;
import io.fingerprint.saver.SaverConfig;
import io.fingerprint.saver.join.JoinService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes {@code fingerprint-output} messages in. A well-formed one goes to the join and is
 * acknowledged by the writer once its file is durable (the throttled commit strategy then commits
 * up to the oldest unacknowledged offset, so a restart redelivers every fingerprint not yet saved).
 * A malformed one is nacked with its reason: the connector's dead-letter-queue strategy sends the
 * raw record to the DLQ topic with a {@code dead-letter-reason} header. One the DLQ cannot take (a
 * payload near 1 MiB plus the DLQ headers exceeds the producer's limit) is not offered to it: it
 * is logged in one line, counted in {@code saver.fingerprints.dlq.failed} and acknowledged, so the
 * stream goes on. (Offered, the connector's DLQ sink would fail the send, and its failed nack
 * reaches a subscriber without a failure handler: Mutiny prints that stack trace to stderr.)
 * Should the DLQ refuse a record for another reason, the same happens after the attempt.
 */
@Startup // its DLQ counter is on /q/metrics from the start, not from the first message
@ApplicationScoped
public class FingerprintConsumer {

    private static final Logger LOG = Logger.getLogger(FingerprintConsumer.class);

    private final FingerprintReader reader;
    private final JoinService join;
    private final Counter deadLettered;
    private final Counter notDeadLettered;
    private final String dlqTopic;
    private final int dlqMaxRequestSize;

    FingerprintConsumer(JoinService join, MeterRegistry registry, SaverConfig config) {
        this.join = join;
        this.dlqTopic = config.dlqTopic();
        this.dlqMaxRequestSize = dlqMaxRequestSize(ConfigProvider.getConfig());
        this.reader = new FingerprintReader(config.maxWindow().toMillis(), config.maxFuture().toMillis(), System::currentTimeMillis);
        this.deadLettered = Counter.builder("saver.fingerprints.dlq")
                .description("malformed fingerprint messages sent to the dead-letter topic").register(registry);
        this.notDeadLettered = Counter.builder("saver.fingerprints.dlq.failed")
                .description("malformed fingerprint messages the dead-letter topic did not take (e.g. too large); logged and skipped")
                .register(registry);
    }

    @Incoming("fingerprints")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        ReceivedFingerprint fingerprint;
        try {
            fingerprint = reader.read(message.getPayload());
        } catch (InvalidFingerprintException e) {
            deadLettered.increment();
            int size = deadLetterSizeUpperBound(message);
            if (size > dlqMaxRequestSize) {
                notDeadLettered.increment();
                LOG.errorf("Malformed fingerprint %s (%d bytes, %s) is too large for %s (with the dead-letter headers up to %d bytes,"
                        + " the producer takes %d): skipped", where(message), payloadLength(message), e.getMessage(), dlqTopic,
                        size, dlqMaxRequestSize);
                return message.ack();
            }
            LOG.warnf("Malformed fingerprint %s: %s; sent to %s", where(message), e.getMessage(), dlqTopic);
            // A failed nack would end the stream for good: nothing after it would ever be saved.
            return message.nack(e).exceptionallyCompose(failure -> {
                notDeadLettered.increment();
                LOG.errorf("Malformed fingerprint %s (%d bytes, %s) could not be written to %s either (%s): skipped",
                        where(message), payloadLength(message), e.getMessage(),
                        dlqTopic, failure.getMessage());
                return message.ack();
            });
        }
        join.submit(fingerprint, message::ack);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Room for what the dead-letter record adds to the message's key, value and headers: the batch
     * and record framing (under 100 bytes) and the headers the dead-letter strategy adds (their
     * names, this exception's class name, the one-line reason of about 200 characters at most, the
     * topic, the partition and the offset: under 1 400 bytes).
     */
    static final int DEAD_LETTER_OVERHEAD = 2048;

    /** At most what the dead-letter record of this message weighs in the DLQ producer's size check. */
    static int deadLetterSizeUpperBound(Message<byte[]> message) {
        long size = DEAD_LETTER_OVERHEAD + payloadLength(message);
        IncomingKafkaRecordMetadata<?, ?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (metadata != null) {
            if (metadata.getKey() instanceof byte[] key) {
                size += key.length;
            }
            for (Header header : metadata.getHeaders()) {
                size += header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length) + 10;
            }
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /**
     * The DLQ producer's {@code max.request.size}: the connector builds it from the channel's
     * settings ({@code dead-letter-queue.} ones first) and the {@code kafka.} defaults.
     */
    static int dlqMaxRequestSize(Config config) {
        for (String key : new String[] {"mp.messaging.incoming.fingerprints.dead-letter-queue.max.request.size",
                "mp.messaging.incoming.fingerprints.max.request.size", "kafka.max.request.size"}) {
            Optional<Integer> value = config.getOptionalValue(key, Integer.class);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return 1_048_576; // Kafka's default
    }

    private static int payloadLength(Message<byte[]> message) {
        return message.getPayload() == null ? 0 : message.getPayload().length;
    }

    private static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no metadata)");
    }
}
