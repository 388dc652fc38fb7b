package io.fingerprint.generator.emit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Exposes the generator's counters and rates at /q/metrics (Prometheus). */
@Singleton
public class GeneratorMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, EmissionStats stats, RateControl control) {
        FunctionCounter.builder("generator.readings.sent", stats, EmissionStats::sent)
                .description("Readings acknowledged by Kafka").register(registry);
        FunctionCounter.builder("generator.readings.failed", stats, EmissionStats::failed)
                .description("Readings Kafka refused or that timed out").register(registry);
        FunctionCounter.builder("generator.readings.throttled", stats, EmissionStats::throttled)
                .description("Readings skipped because the emitter buffer was full").register(registry);
        Gauge.builder("generator.rate.target", control, c -> c.effectiveRate())
                .description("Target readings per second (0 while paused)").register(registry);
        Gauge.builder("generator.rate.achieved", stats, EmissionStats::achievedPerSecond)
                .description("Readings acknowledged per second over the last tick").register(registry);
    }
}
