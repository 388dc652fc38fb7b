package io.fingerprint.job.watermark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One resource per key, shared by whoever holds a lease on it: the first lease makes it, the last
 * one closed closes it. So operators that need the same resource share one, and nothing outlives
 * the last of them.
 */
final class ReferenceCountedResources<K, R extends AutoCloseable> {

    private final Function<K, R> make;
    /** Guarded by itself. */
    private final Map<K, Shared<R>> byKey = new HashMap<>();

    ReferenceCountedResources(Function<K, R> make) {
        this.make = make;
    }

    /** A lease on the resource of {@code key}, made now if nobody holds one. */
    Lease acquire(K key) {
        synchronized (byKey) {
            byKey.computeIfAbsent(key, k -> new Shared<>(make.apply(k))).holders++;
        }
        return new Lease(key);
    }

    /** The resource of {@code key} while someone holds a lease on it, else null. */
    R find(K key) {
        synchronized (byKey) {
            Shared<R> shared = byKey.get(key);
            return shared == null ? null : shared.resource;
        }
    }

    private void release(K key) throws Exception {
        R closing = null;
        synchronized (byKey) {
            Shared<R> shared = byKey.get(key);
            if (--shared.holders == 0) {
                byKey.remove(key);
                closing = shared.resource;
            }
        }
        if (closing != null) {
            closing.close(); // outside the lock: closing a client may wait for it
        }
    }

    /** Releases its hold once, however often it is closed. */
    final class Lease implements AutoCloseable {
        private final K key;
        private boolean closed;

        private Lease(K key) {
            this.key = key;
        }

        @Override
        public void close() throws Exception {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(key);
        }
    }

    private static final class Shared<R> {
        final R resource;
        int holders;

        Shared(R resource) {
            this.resource = resource;
        }
    }
}
