package io.fingerprint.generator.emit;

import java.util.ArrayList;
import java.util.List;

/** What one tick emitted: the unit of the per-second log line. */
final class Batch {

    private final boolean[] seen;
    long emitted;
    long throttled;

    Batch(int equipmentCount) {
        this.seen = new boolean[equipmentCount];
    }

    void emitted(int equipmentIndex) {
        emitted++;
        seen[equipmentIndex] = true;
    }

    /** The equipment ids this batch covered, as the original printed them: "110-114", or "110,112". */
    String equipmentLabel(int[] equipmentIds) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                ids.add(equipmentIds[i]);
            }
        }
        ids.sort(null);
        if (ids.isEmpty()) {
            return "none";
        }
        boolean contiguous = ids.get(ids.size() - 1) - ids.get(0) == ids.size() - 1;
        if (ids.size() > 1 && contiguous) {
            return ids.get(0) + "-" + ids.get(ids.size() - 1);
        }
        StringBuilder label = new StringBuilder();
        for (Integer id : ids) {
            label.append(label.length() == 0 ? "" : ",").append(id);
        }
        return label.toString();
    }
}
