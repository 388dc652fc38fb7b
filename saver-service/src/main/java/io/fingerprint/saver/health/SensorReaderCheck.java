package io.fingerprint.saver.health;

import io.fingerprint.saver.join.JoinService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the join thread runs and reads sensor-data without errors (the channel has its own check). */
@Readiness
@ApplicationScoped
public class SensorReaderCheck implements HealthCheck {

    private final JoinService join;

    SensorReaderCheck(JoinService join) {
        this.join = join;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = join.problem();
        return HealthCheckResponse.named("sensor-data-reader")
                .status(problem == null)
                .withData("problem", problem == null ? "none" : problem)
                .build();
    }
}
