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
 * raw record to the DLQ topic with a {@code dead-letter-reason} header. Should the DLQ refuse it (a
 * payload near 1 MiB plus the DLQ headers exceeds the producer's limit), it is logged, counted in
 * {@code saver.fingerprints.dlq.failed} and acknowledged, so the stream goes on.
 */
@Startup // its DLQ counter is on /q/metrics from the start, not from the first message
@ApplicationScoped
public class FingerprintConsumer {

    private static final Logger LOG = Logger.getLogger(FingerprintConsumer.class);

    private final FingerprintParser parser;
    private final JoinService join;
    private final Counter deadLettered;
    private final Counter notDeadLettered;
    private final String dlqTopic;

    FingerprintConsumer(JoinService join, MeterRegistry registry, SaverConfig config) {
        this.join = join;
        this.dlqTopic = config.dlqTopic();
        this.parser = new FingerprintParser(config.maxWindow().toMillis(), config.maxFuture().toMillis(), System::currentTimeMillis);
        this.deadLettered = Counter.builder("saver.fingerprints.dlq")
                .description("malformed fingerprint messages sent to the dead-letter topic").register(registry);
        this.notDeadLettered = Counter.builder("saver.fingerprints.dlq.failed")
                .description("malformed fingerprint messages the dead-letter topic did not take (e.g. too large); logged and skipped")
                .register(registry);
    }

    @Incoming("fingerprints")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Fingerprint fingerprint;
        try {
            fingerprint = parser.parse(message.getPayload());
        } catch (InvalidRecordException e) {
            deadLettered.increment();
            LOG.warnf("Malformed fingerprint %s: %s; sent to %s", where(message), e.getMessage(), dlqTopic);
            // A failed nack would end the stream for good: nothing after it would ever be saved.
            return message.nack(e).exceptionallyCompose(failure -> {
                notDeadLettered.increment();
                LOG.errorf("Malformed fingerprint %s (%d bytes, %s) could not be written to %s either (%s): skipped",
                        where(message), message.getPayload() == null ? 0 : message.getPayload().length, e.getMessage(),
                        dlqTopic, failure.getMessage());
                return message.ack();
            });
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
