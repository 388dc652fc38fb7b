package io.fingerprint.saver;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BadHttpRequestCorpusTest} against the native executable (the bad-request corpus, byte for byte). */
@QuarkusIntegrationTest
class NativeBadHttpRequestCorpusIT extends BadHttpRequestCorpusTest {
}
