package io.fingerprint.job.watermark;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.watermark.WatermarkDeclaration;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.flink.streaming.api.lineage.LineageVertexProvider;

/**
 * A source unchanged but for its readers' life: each holds the caught-up probe's poller open from
 * its creation, when the source operator starts, until it is closed with the operator. The watermark
 * generators run in that same operator, so their probe finds the poller open whenever they ask.
 */
final class ProbeHoldingSource<T, S extends SourceSplit, E> implements Source<T, S, E>, ResultTypeQueryable<T>,
        LineageVertexProvider {
    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> source;
    private final KafkaCaughtUpProbe.Factory probes;

    ProbeHoldingSource(Source<T, S, E> source, KafkaCaughtUpProbe.Factory probes) {
        this.source = source;
        this.probes = probes;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        AutoCloseable poller = probes.open();
        try {
            return new Reader<>(source.createReader(context), poller);
        } catch (Exception | Error e) {
            poller.close();
            throw e;
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
        return source.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    @Override
    public Set<? extends WatermarkDeclaration> declareWatermarks() {
        return source.declareWatermarks();
    }

    /** The wrapped source's type, found as Flink would find it for the source itself. */
    @Override
    @SuppressWarnings("unchecked")
    public TypeInformation<T> getProducedType() {
        return source instanceof ResultTypeQueryable<?> typed ? (TypeInformation<T>) typed.getProducedType()
                : TypeExtractor.createTypeInfo(Source.class, source.getClass(), 0, null, null);
    }

    /** The wrapped source's lineage (the Kafka topic), or none. */
    @Override
    public LineageVertex getLineageVertex() {
        return source instanceof LineageVertexProvider lineage ? lineage.getLineageVertex() : null;
    }

    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> reader;
        private final AutoCloseable poller;

        Reader(SourceReader<T, S> reader, AutoCloseable poller) {
            this.reader = reader;
            this.poller = poller;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            return reader.pollNext(output);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            reader.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
            reader.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void close() throws Exception {
            try (poller) {
                reader.close();
            }
        }
    }
}
