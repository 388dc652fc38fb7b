package io.fingerprint.formats.fingerprint;

import java.util.List;

/**
 * One well-formed {@code fingerprint-output} message as {@link FingerprintReader} read it: equipment
 * {@code equipId} over the window [startMs, endMs). {@code raw} is the inner {@code fingerprint}
 * object byte for byte as received, so a saved file repeats it exactly.
 *
 * @param uuid lower-case canonical UUID: safe as part of a file name
 * @param equipId the {@code equip_id} as written ("110"), for summaries
 * @param equipNumber the same as a number, to match readings' numeric {@code equip_id}
 * @param sensors the keys of {@code data}, in order
 * @param inputs the readings it was computed from, per partition; empty when the producer did not say
 *     (the original pipeline's format)
 */
public record ReceivedFingerprint(String uuid, String equipId, long equipNumber, String type, long startMs, long endMs,
                                  List<String> sensors, List<InputRange> inputs, byte[] raw) {

    /** True when it names its inputs; false for the original format, whose inputs can only be found by time. */
    public boolean hasLineage() {
        return !inputs.isEmpty();
    }
}
