package io.fingerprint.saver.ingest;

import java.util.List;

/**
 * One well-formed {@code fingerprint-output} message: equipment {@code equipId} over the window
 * [startMs, endMs). {@code raw} is the inner {@code fingerprint} object byte for byte as received,
 * so the saved file repeats it exactly.
 *
 * @param uuid lower-case canonical UUID: safe as part of a file name
 * @param equipId the {@code equip_id} as written ("110"), for summaries
 * @param equipNumber the same as a number, to match readings' numeric {@code equip_id}
 * @param sensors the keys of {@code data}, in order
 */
public record Fingerprint(String uuid, String equipId, long equipNumber, String type, long startMs, long endMs,
                          List<String> sensors, byte[] raw) {
}
