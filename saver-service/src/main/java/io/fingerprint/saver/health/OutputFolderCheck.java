package io.fingerprint.saver.health;

import io.fingerprint.saver.store.FingerprintStore;
import io.fingerprint.saver.store.SaveWorker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a file can be written to the output folder and the last write did not fail. */
@Readiness
@ApplicationScoped
public class OutputFolderCheck implements HealthCheck {

    private final FingerprintStore store;
    private final SaveWorker writer;

    OutputFolderCheck(FingerprintStore store, SaveWorker writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = store.checkWritable();
        // Both shown: the probe says what is wrong with the folder, the writer which fingerprint waits on it.
        String failedWrite = writer.failure();
        return HealthCheckResponse.named("output-folder")
                .status(problem == null && failedWrite == null)
                .withData("path", store.dir().toString())
                .withData("indexed", store.index().size())
                .withData("problem", problem == null ? (failedWrite == null ? "none" : failedWrite) : problem)
                .withData("failed_write", failedWrite == null ? "none" : failedWrite)
                .build();
    }
}
