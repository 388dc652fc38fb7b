package io.fingerprint.saver.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A poll's records kept grouped by equipment for the pick: each group in offset order, refused records gone. */
class TailChunkTest {

    /** offset, equipment, timestamp (REJECTED for a refused record); the raw says all three. */
    private static TailChunk chunk(long[]... records) {
        Poll poll = new Poll(3);
        for (long[] r : records) {
            poll.add(r[0], r[1], r[2], (r[0] + ":" + r[1] + "@" + r[2]).getBytes(StandardCharsets.US_ASCII));
        }
        return poll.chunk();
    }

    private static List<String> group(TailChunk c, long equip) {
        List<String> out = new ArrayList<>();
        int g = c.group(equip);
        if (g >= 0) {
            for (int i = c.groupStart(g); i < c.groupEnd(g); i++) {
                String raw = new String(c.raws[i], StandardCharsets.US_ASCII);
                assertThat(raw).isEqualTo(c.offsets[i] + ":" + equip + "@" + c.timestamps[i]); // the three arrays agree
                out.add(raw);
            }
        }
        return out;
    }

    @Test
    void eachEquipmentsAcceptedRecordsInOffsetOrderAndNothingElse() {
        TailChunk c = chunk(
                new long[] {10, 7, 500}, new long[] {11, -2, 400}, new long[] {12, 7, 300},
                new long[] {13, 9, TailChunk.REJECTED}, new long[] {14, 110, 200}, new long[] {15, 7, 100},
                new long[] {17, -2, 600});

        assertThat(group(c, 7)).containsExactly("10:7@500", "12:7@300", "15:7@100");
        assertThat(group(c, -2)).containsExactly("11:-2@400", "17:-2@600");
        assertThat(group(c, 110)).containsExactly("14:110@200");
        assertThat(group(c, 9)).isEmpty(); // its only record was refused
        assertThat(group(c, 8)).isEmpty();
        assertThat(c.size()).isEqualTo(6);
        assertThat(c.from).isEqualTo(10);
        assertThat(c.next).isEqualTo(18); // it still covers the refused record's offset and the gap
    }

    @Test
    void aPollOfRefusedRecordsOnlyKeepsNothingAndStillCoversItsOffsets() {
        TailChunk c = chunk(new long[] {5, 1, TailChunk.REJECTED}, new long[] {6, 2, TailChunk.REJECTED});

        assertThat(c.size()).isZero();
        assertThat(c.bytes).isZero();
        assertThat(group(c, 1)).isEmpty();
        assertThat(c.next).isEqualTo(7);
    }
}
