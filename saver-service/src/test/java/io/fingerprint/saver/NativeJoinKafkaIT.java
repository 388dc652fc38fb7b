package io.fingerprint.saver;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link JoinKafkaTest} against the native executable (hand-made readings and fingerprints through the real broker, exact files out). */
@QuarkusIntegrationTest
class NativeJoinKafkaIT extends JoinKafkaTest {
}
