package io.fingerprint.generator.emit;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * One reading on its way to Kafka. A plain {@link Message#of} message answers each metadata lookup by
 * iterating its metadata, and the Kafka connector asks several times per record, once more on the
 * producer's network thread when the record is acknowledged: that search was the largest cost on that
 * thread (BENCHMARKS.md, issue 17). This one holds its single piece of metadata in a field, answers
 * lookups by type, and acknowledges without building a {@link Metadata}.
 */
final class ReadingMessage implements Message<String> {

    private final String json;
    /** The Kafka metadata, then what was added on the way (the emitter adds the sending thread's context); one per class. */
    private final Object[] metadata;
    private final Supplier<CompletionStage<Void>> ack;
    private final Function<Throwable, CompletionStage<Void>> nack;

    ReadingMessage(String json, OutgoingKafkaRecordMetadata<String> kafka,
            Supplier<CompletionStage<Void>> ack, Function<Throwable, CompletionStage<Void>> nack) {
        this(json, new Object[] {kafka}, ack, nack);
    }

    private ReadingMessage(String json, Object[] metadata,
            Supplier<CompletionStage<Void>> ack, Function<Throwable, CompletionStage<Void>> nack) {
        this.json = json;
        this.metadata = metadata;
        this.ack = ack;
        this.nack = nack;
    }

    @Override
    public String getPayload() {
        return json;
    }

    @Override
    public Metadata getMetadata() {
        return Metadata.of(metadata);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> Optional<M> getMetadata(Class<? extends M> type) {
        for (Object m : metadata) {
            if (type.isInstance(m)) {
                return Optional.of((M) m);
            }
        }
        return Optional.empty();
    }

    /** As {@link Metadata#with}: a piece of the same class replaces the one there. */
    @Override
    public Message<String> addMetadata(Object piece) {
        for (int i = 0; i < metadata.length; i++) {
            if (metadata[i].getClass() == piece.getClass()) {
                Object[] replaced = metadata.clone();
                replaced[i] = piece;
                return new ReadingMessage(json, replaced, ack, nack);
            }
        }
        Object[] more = Arrays.copyOf(metadata, metadata.length + 1);
        more[metadata.length] = piece;
        return new ReadingMessage(json, more, ack, nack);
    }

    @Override
    public Supplier<CompletionStage<Void>> getAck() {
        return ack;
    }

    @Override
    public Function<Throwable, CompletionStage<Void>> getNack() {
        return nack;
    }

    @Override
    public CompletionStage<Void> ack() {
        return ack.get();
    }

    @Override
    public CompletionStage<Void> ack(Metadata metadata) {
        return ack.get();
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason) {
        return nack.apply(reason);
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason, Metadata metadata) {
        return nack.apply(reason);
    }
}
