package io.fingerprint.launcher;

import java.util.List;

/** {@link PipelineEndToEndIT} with the generator and saver as native executables (-Dnative builds them). */
class NativePipelineEndToEndIT extends PipelineEndToEndIT {

    @Override
    protected List<String> extraArgs() {
        return List.of("--native");
    }
}
