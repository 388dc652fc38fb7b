package io.fingerprint.job.window;

import io.fingerprint.job.serialization.MutableTypeSerializer;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoint format of {@link WindowAccumulator}: sensor count, then per sensor its id, the number
 * of values and the values as raw doubles; then the lineage: entry count, per entry topic (a flag,
 * then the name), partition, first and last offset, count.
 *
 * <p>State written before the lineage existed (format 1: the sensors alone) is still restored: its
 * snapshot class is {@link Snapshot}, which reads it with {@link #WITHOUT_LINEAGE} and lets Flink
 * migrate it to this format; such a window's fingerprint names no inputs.
 *
 * <p>Checkpoints name the snapshot classes: this class keeps its package and name, or older state
 * no longer restores.
 */
public final class WindowAccumulatorSerializer extends MutableTypeSerializer<WindowAccumulator> {

    public static final WindowAccumulatorSerializer INSTANCE = new WindowAccumulatorSerializer(true);
    /** Reads format 1, for restoring older checkpoints and savepoints. */
    static final WindowAccumulatorSerializer WITHOUT_LINEAGE = new WindowAccumulatorSerializer(false);
    private static final long serialVersionUID = 1L;

    private final boolean withLineage;

    private WindowAccumulatorSerializer(boolean withLineage) {
        this.withLineage = withLineage;
    }

    @Override
    public WindowAccumulator createInstance() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator copy(WindowAccumulator from) {
        return from.deepCopy();
    }

    @Override
    public void serialize(WindowAccumulator record, DataOutputView target) throws IOException {
        target.writeInt(record.sensors.size());
        for (Map.Entry<String, WindowAccumulator.Values> e : record.sensors.entrySet()) {
            WindowAccumulator.Values values = e.getValue();
            target.writeUTF(e.getKey());
            target.writeInt(values.size);
            for (int i = 0; i < values.size; i++) {
                target.writeDouble(values.data[i]);
            }
        }
        if (withLineage) {
            InputLineage lineage = record.lineage;
            target.writeInt(lineage.size);
            for (int i = 0; i < lineage.size; i++) {
                target.writeBoolean(lineage.topics[i] != null);
                if (lineage.topics[i] != null) {
                    target.writeUTF(lineage.topics[i]);
                }
                target.writeInt(lineage.partitions[i]);
                target.writeLong(lineage.from[i]);
                target.writeLong(lineage.to[i]);
                target.writeLong(lineage.counts[i]);
            }
        }
    }

    @Override
    public WindowAccumulator deserialize(DataInputView source) throws IOException {
        WindowAccumulator acc = new WindowAccumulator();
        int sensors = source.readInt();
        for (int s = 0; s < sensors; s++) {
            String id = source.readUTF();
            int size = source.readInt();
            WindowAccumulator.Values values = new WindowAccumulator.Values(size);
            for (int i = 0; i < size; i++) {
                values.data[i] = source.readDouble();
            }
            values.size = size;
            acc.sensors.put(id, values);
        }
        if (withLineage) {
            int entries = source.readInt();
            for (int i = 0; i < entries; i++) {
                String topic = source.readBoolean() ? source.readUTF() : null;
                int partition = source.readInt();
                long from = source.readLong();
                long to = source.readLong();
                acc.lineage.add(topic, partition, from, to, source.readLong());
            }
        }
        return acc;
    }

    @Override
    public TypeSerializerSnapshot<WindowAccumulator> snapshotConfiguration() {
        return withLineage ? new LineageSnapshot() : new Snapshot();
    }

    /** Not a singleton any more: two formats, told apart by the flag. */
    @Override
    public boolean equals(Object o) {
        return o instanceof WindowAccumulatorSerializer other && other.withLineage == withLineage;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(withLineage);
    }

    private Object readResolve() {
        return withLineage ? INSTANCE : WITHOUT_LINEAGE;
    }

    /**
     * Format 1 (no lineage), as named in checkpoints and savepoints written before the lineage:
     * restored with {@link #WITHOUT_LINEAGE}. Public no-arg constructor required by Flink.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowAccumulator> {
        public Snapshot() {
            super(() -> WITHOUT_LINEAGE);
        }
    }

    /** Format 2, with the lineage; older state is migrated (read with its own serializer, written with this one). */
    public static final class LineageSnapshot extends SimpleTypeSerializerSnapshot<WindowAccumulator> {
        public LineageSnapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<WindowAccumulator> resolveSchemaCompatibility(
                TypeSerializerSnapshot<WindowAccumulator> oldSnapshot) {
            return oldSnapshot instanceof Snapshot ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : super.resolveSchemaCompatibility(oldSnapshot);
        }
    }
}
