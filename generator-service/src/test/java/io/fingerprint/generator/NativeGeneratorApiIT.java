package io.fingerprint.generator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GeneratorApiTest} against the native executable (the REST contract and every refused request). */
@QuarkusIntegrationTest
class NativeGeneratorApiIT extends GeneratorApiTest {
}
