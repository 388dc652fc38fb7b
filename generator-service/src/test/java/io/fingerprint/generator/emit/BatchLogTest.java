package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchLogTest {

    private static final int[] IDS = {110, 111, 112, 113, 114};

    @Test
    void contiguousIdsPrintAsARange() {
        assertThat(BatchLog.equipmentLabel(IDS, 0, 5)).isEqualTo("110-114");
        // from the middle of the round, wrapping, more readings than equipment
        assertThat(BatchLog.equipmentLabel(IDS, 3, 12)).isEqualTo("110-114");
    }

    @Test
    void gapsPrintAsAList() {
        assertThat(BatchLog.equipmentLabel(new int[] {110, 112, 111, 113, 114}, 0, 2)).isEqualTo("110,112");
        assertThat(BatchLog.equipmentLabel(IDS, 4, 2)).isEqualTo("110,114");
    }

    @Test
    void oneIdPrintsAlone() {
        assertThat(BatchLog.equipmentLabel(IDS, 3, 1)).isEqualTo("113");
    }
}
