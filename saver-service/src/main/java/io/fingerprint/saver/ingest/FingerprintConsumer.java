package io.fingerprint.saver.ingest;

import io.fingerprint.saver.SaverConfig;
import io.fingerprint.saver.join.JoinService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes {@code fingerprint-output} messages in. A well-formed one goes to the join and is
 * acknowledged by the writer once its file is durable (the throttled commit strategy then commits
 * up to the oldest unacknowledged offset, so a restart redelivers every fingerprint not yet saved).
 * A malformed one is nacked with its reason: the connector's dead-letter-queue strategy sends the
 * raw record to the DLQ topic with a {@code dead-letter-reason} header.
 */
@Startup // its DLQ counter is on /q/metrics from the start, not from the first message
@ApplicationScoped
public class FingerprintConsumer {

    private static final Logger LOG = Logger.getLogger(FingerprintConsumer.class);

    private final FingerprintParser parser = new FingerprintParser();
    private final JoinService join;
    private final Counter deadLettered;
    private final String dlqTopic;

    FingerprintConsumer(JoinService join, MeterRegistry registry, SaverConfig config) {
        this.join = join;
        this.dlqTopic = config.dlqTopic();
        this.deadLettered = Counter.builder("saver.fingerprints.dlq")
                .description("malformed fingerprint messages sent to the dead-letter topic").register(registry);
    }

    @Incoming("fingerprints")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Fingerprint fingerprint;
        try {
            fingerprint = parser.parse(message.getPayload());
        } catch (InvalidRecordException e) {
            deadLettered.increment();
            LOG.warnf("Malformed fingerprint %s: %s; sent to %s", where(message), e.getMessage(), dlqTopic);
            return message.nack(e);
        }
        join.submit(fingerprint, message::ack);
        return CompletableFuture.completedFuture(null);
    }

    private static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no metadata)");
    }
}
