package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.KafkaMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The message answers as a {@link Message#of} message with the same metadata would. */
class ReadingMessageTest {

    private final List<String> calls = new ArrayList<>();
    private final OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
            .withKey("110").withTimestamp(Instant.ofEpochMilli(1_706_123_456_789L)).build();

    private ReadingMessage message() {
        return new ReadingMessage("{\"equip_id\":110}", kafka,
                () -> {
                    calls.add("ack");
                    return CompletableFuture.completedFuture(null);
                },
                reason -> {
                    calls.add("nack " + reason.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }

    private record Context(String name) {
    }

    @Test
    void findsItsKafkaMetadataByItsClassOrAnInterfaceAndNothingElse() {
        ReadingMessage m = message();
        assertThat(m.getPayload()).isEqualTo("{\"equip_id\":110}");
        assertThat(m.getMetadata(OutgoingKafkaRecordMetadata.class)).containsSame(kafka);
        assertThat(m.getMetadata(KafkaMessageMetadata.class)).containsSame(kafka);
        assertThat(m.getMetadata(OutgoingMessageMetadata.class)).isEmpty();
        assertThat(m.getMetadata()).containsExactly(kafka);
    }

    @Test
    void metadataAddedOnTheWayIsKeptAndASecondOfTheSameClassReplacesTheFirst() {
        Message<String> withContext = message().addMetadata(new Context("a"));
        assertThat(withContext.getMetadata(Context.class)).contains(new Context("a"));
        assertThat(withContext.getMetadata(OutgoingKafkaRecordMetadata.class)).containsSame(kafka);

        Message<String> replaced = withContext.addMetadata(new Context("b"));
        assertThat(replaced.getMetadata(Context.class)).contains(new Context("b"));
        assertThat(replaced.getMetadata()).containsExactlyInAnyOrder(kafka, new Context("b"));

        OutgoingKafkaRecordMetadata<String> other = OutgoingKafkaRecordMetadata.<String>builder().withKey("111").build();
        Message<String> rekeyed = replaced.addMetadata(other);
        assertThat(rekeyed.getMetadata(OutgoingKafkaRecordMetadata.class)).containsSame(other);
        assertThat(rekeyed.getMetadata(Context.class)).contains(new Context("b"));
        assertThat(rekeyed.getPayload()).isEqualTo("{\"equip_id\":110}");
    }

    @Test
    void acknowledgesThroughItsCallbacksHoweverAsked() {
        Message<String> m = message().addMetadata(new Context("a"));
        m.ack();
        m.ack(Metadata.empty());
        m.getAck().get();
        m.nack(new IllegalStateException("broker gone"));
        m.nack(new IllegalStateException("timeout"), Metadata.empty());
        m.getNack().apply(new IllegalStateException("again"));
        assertThat(calls).containsExactly("ack", "ack", "ack", "nack broker gone", "nack timeout", "nack again");
    }
}
