package io.fingerprint.saver;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BadFingerprintCorpusTest} against the native executable (the malformed-fingerprint corpus through the real broker: dead-lettered byte for byte, counted; good ones saved once). */
@QuarkusIntegrationTest
class NativeBadFingerprintCorpusIT extends BadFingerprintCorpusTest {
}
