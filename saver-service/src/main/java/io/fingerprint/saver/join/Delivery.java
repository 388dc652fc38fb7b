package io.fingerprint.saver.join;

/** One delivery of a fingerprint message; acknowledged once its file is durable, so its offset may be committed. */
@FunctionalInterface
public interface Delivery {
    void ack();
}
