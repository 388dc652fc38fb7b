package io.fingerprint.job.window;

import io.fingerprint.job.batch.ReadingBatch;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds each batch of an equipment's window to its {@link WindowAccumulator}: the values per sensor and their readings' lineage. */
public final class FingerprintAggregate implements AggregateFunction<ReadingBatch, WindowAccumulator, WindowAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public WindowAccumulator createAccumulator() {
        return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(ReadingBatch batch, WindowAccumulator acc) {
        acc.add(batch);
        return acc;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
        return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        return a.merge(b);
    }
}
