package io.fingerprint.job.window;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Collects a window's sensor values per sensor, unnesting each reading's sensor map as it goes. */
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
