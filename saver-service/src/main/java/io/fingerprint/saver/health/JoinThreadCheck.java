package io.fingerprint.saver.health;

import io.fingerprint.saver.join.JoinService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the join thread runs: without it nothing is ever saved again, so a restart is the cure. */
@Liveness
@ApplicationScoped
public class JoinThreadCheck implements HealthCheck {

    private final JoinService join;

    JoinThreadCheck(JoinService join) {
        this.join = join;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("join-thread").status(join.alive()).build();
    }
}
