package io.fingerprint.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchTest {

    private static final int[] IDS = {110, 111, 112, 113, 114};

    @Test
    void contiguousIdsPrintAsARange() {
        Batch batch = new Batch(5);
        for (int i = 4; i >= 0; i--) {
            batch.emitted(i);
        }
        assertThat(batch.emitted).isEqualTo(5);
        assertThat(batch.equipmentLabel(IDS)).isEqualTo("110-114");
    }

    @Test
    void gapsPrintAsAList() {
        Batch batch = new Batch(5);
        batch.emitted(0);
        batch.emitted(2);
        assertThat(batch.equipmentLabel(IDS)).isEqualTo("110,112");
    }

    @Test
    void oneIdPrintsAlone() {
        Batch batch = new Batch(5);
        batch.emitted(3);
        assertThat(batch.equipmentLabel(IDS)).isEqualTo("113");
    }
}
