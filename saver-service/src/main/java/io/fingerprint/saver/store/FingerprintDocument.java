package io.fingerprint.saver.store;

import io.fingerprint.saver.join.BufferedReading;
import io.fingerprint.saver.join.SaveRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"fingerprint":{…as received…},"input_records":[…as produced…],"input_count":N,"complete":true}},
 * streamed from the raw bytes: nothing is parsed or re-serialised, so nothing changes on the way.
 */
final class FingerprintDocument {

    private FingerprintDocument() {
    }

    static void write(SaveRequest request, OutputStream out) throws IOException {
        out.write(ascii("{\"fingerprint\":"));
        out.write(request.fingerprint().raw());
        out.write(ascii(",\"input_records\":["));
        boolean first = true;
        for (BufferedReading r : request.inputRecords()) {
            if (!first) {
                out.write(',');
            }
            out.write(r.raw());
            first = false;
        }
        out.write(ascii("],\"input_count\":" + request.inputRecords().size() + ",\"complete\":" + request.complete() + "}"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
