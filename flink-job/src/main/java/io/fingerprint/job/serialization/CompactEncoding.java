package io.fingerprint.job.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Variable-length numbers for the hand-written serializers: small numbers in few bytes (7 bits per
 * byte, the high bit says another byte follows), signed ones zigzagged so that small negative
 * deltas stay small. Readings are short decimals: a value that is an exact number of thousandths is
 * written as that number (45.234 in 3 bytes instead of 8), any other double as its raw bits; either
 * way it reads back bit for bit.
 */
public final class CompactEncoding {

    /** Beyond this many thousandths a double no longer holds every integer: raw bits. */
    private static final long MAX_THOUSANDTHS = 1L << 52;

    private CompactEncoding() {
    }

    public static void writeUnsigned(DataOutputView out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static long readUnsigned(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length number: more than 10 bytes");
    }

    public static void writeSigned(DataOutputView out, long value) throws IOException {
        writeUnsigned(out, (value << 1) ^ (value >> 63));
    }

    public static long readSigned(DataInputView in) throws IOException {
        long zigzag = readUnsigned(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** A whole number of thousandths as (thousandths zigzagged, then shifted, low bit 0); any other value as 1 and its raw bits. */
    public static void writeValue(DataOutputView out, double value) throws IOException {
        long thousandths = Math.round(value * 1000);
        if (Math.abs(thousandths) < MAX_THOUSANDTHS && thousandths / 1000.0 == value
                && (thousandths != 0 || Double.doubleToRawLongBits(value) == 0)) {
            writeUnsigned(out, ((thousandths << 1) ^ (thousandths >> 63)) << 1);
        } else {
            out.writeByte(1);
            out.writeLong(Double.doubleToRawLongBits(value));
        }
    }

    public static double readValue(DataInputView in) throws IOException {
        long tagged = readUnsigned(in);
        if ((tagged & 1) != 0) {
            return Double.longBitsToDouble(in.readLong());
        }
        long zigzag = tagged >>> 1;
        return ((zigzag >>> 1) ^ -(zigzag & 1)) / 1000.0;
    }
}
