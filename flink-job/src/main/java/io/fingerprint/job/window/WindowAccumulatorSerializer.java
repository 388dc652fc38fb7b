package io.fingerprint.job.window;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoint format of {@link WindowAccumulator}: sensor count, then per sensor its id, the number
 * of values and the values as raw doubles.
 */
public final class WindowAccumulatorSerializer extends TypeSerializerSingleton<WindowAccumulator> {

    public static final WindowAccumulatorSerializer INSTANCE = new WindowAccumulatorSerializer();
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
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
    public WindowAccumulator copy(WindowAccumulator from, WindowAccumulator reuse) {
        return from.deepCopy();
    }

    @Override
    public int getLength() {
        return -1;
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
        return acc;
    }

    @Override
    public WindowAccumulator deserialize(WindowAccumulator reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int sensors = source.readInt();
        target.writeInt(sensors);
        for (int s = 0; s < sensors; s++) {
            target.writeUTF(source.readUTF());
            int size = source.readInt();
            target.writeInt(size);
            for (int i = 0; i < size; i++) {
                target.writeDouble(source.readDouble());
            }
        }
    }

    @Override
    public TypeSerializerSnapshot<WindowAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; public no-arg constructor required by Flink. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
