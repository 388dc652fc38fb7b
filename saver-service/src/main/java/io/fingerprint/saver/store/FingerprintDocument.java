package io.fingerprint.saver.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fingerprint.saver.join.SaveRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code {"fingerprint":{…as received…},"joined_by":"lineage","input_records":[…as produced…],"input_count":N,
 * "complete":true}}, streamed from the raw bytes: nothing is parsed or re-serialised, so nothing changes on the
 * way. An incomplete file also says why: {@code "incomplete_reason":"…"} after {@code joined_by}. The tail
 * ({@code input_count}, {@code complete}) stays last: the index reads it there ({@link SavedFileReader}).
 */
final class FingerprintDocument {

    private FingerprintDocument() {
    }

    static void write(SaveRequest request, OutputStream out) throws IOException {
        out.write(ascii("{\"fingerprint\":"));
        out.write(request.fingerprint().raw());
        out.write(ascii(",\"joined_by\":\"" + request.joinedBy() + "\""));
        if (request.incompleteReason() != null) {
            out.write(ascii(",\"incomplete_reason\":\""));
            out.write(JsonStringEncoder.getInstance().quoteAsUTF8(request.incompleteReason()));
            out.write('"');
        }
        out.write(ascii(",\"input_records\":["));
        byte[][] records = request.inputRecords().raws();
        for (int i = 0; i < records.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(records[i]);
        }
        out.write(ascii("],\"input_count\":" + records.length + ",\"complete\":" + request.complete() + "}"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
