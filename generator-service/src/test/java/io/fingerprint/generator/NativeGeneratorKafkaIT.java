package io.fingerprint.generator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GeneratorKafkaTest} against the native executable (readings reach Kafka with their key, timestamp and schema; the rate steers them). */
@QuarkusIntegrationTest
class NativeGeneratorKafkaIT extends GeneratorKafkaTest {
}
