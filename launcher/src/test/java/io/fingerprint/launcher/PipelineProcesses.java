package io.fingerprint.launcher;

import java.util.ArrayList;
import java.util.List;

/** The process ids of a {@link LocalPipeline}'s parts, for tests that check nothing is left behind. */
final class PipelineProcesses {

    private PipelineProcesses() {
    }

    /** The broker's and every started part's; empty before the pipeline starts. */
    static List<Long> pids(LocalPipeline pipeline) {
        List<Long> pids = new ArrayList<>();
        if (pipeline.kafka() != null) {
            pids.add(pipeline.kafka().pid());
        }
        pipeline.parts().forEach(c -> pids.add(c.pid()));
        return pids;
    }
}
