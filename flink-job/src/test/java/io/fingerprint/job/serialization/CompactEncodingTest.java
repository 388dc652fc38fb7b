package io.fingerprint.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CompactEncodingTest {

    @Test
    void everyDoubleReadsBackBitForBit() throws IOException {
        double[] special = {0.0, -0.0, 45.234, -45.234, 0.001, 1e-9, 1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 4503599627370.495, 4503599627370.496, 0.1 + 0.2};
        for (double v : special) {
            assertThat(Double.doubleToRawLongBits(roundTrip(v))).as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(-10_000_000, 10_000_000) / 1000.0;
            assertThat(Double.doubleToRawLongBits(roundTrip(v))).as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
        }
    }

    @Test
    void shortDecimalsTakeAFewBytesOthersNine() throws IOException {
        assertThat(bytes(Double.parseDouble("45.234"))).isEqualTo(3);
        assertThat(bytes(Double.parseDouble("0.007"))).isEqualTo(1);
        assertThat(bytes(Double.parseDouble("-99.999"))).isEqualTo(3);
        assertThat(bytes(0.1 + 0.2)).as("not a whole number of thousandths").isEqualTo(9);
        assertThat(bytes(-0.0)).isEqualTo(9);
    }

    @Test
    void numbersOfEverySizeReadBack() throws IOException {
        long[] numbers = {0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (long n : numbers) {
            CompactEncoding.writeSigned(out, n);
            CompactEncoding.writeUnsigned(out, n);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (long n : numbers) {
            assertThat(CompactEncoding.readSigned(in)).isEqualTo(n);
            assertThat(CompactEncoding.readUnsigned(in)).isEqualTo(n);
        }
        assertThat(in.available()).isZero();
        DataOutputSerializer small = new DataOutputSerializer(16);
        CompactEncoding.writeSigned(small, -3);
        assertThat(small.length()).as("a small negative difference stays one byte").isEqualTo(1);
    }

    private static double roundTrip(double v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        CompactEncoding.writeValue(out, v);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        double back = CompactEncoding.readValue(in);
        assertThat(in.available()).isZero();
        return back;
    }

    private static int bytes(double v) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        CompactEncoding.writeValue(out, v);
        return out.length();
    }
}
