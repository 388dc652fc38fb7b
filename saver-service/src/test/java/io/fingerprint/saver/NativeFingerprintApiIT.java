package io.fingerprint.saver;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link FingerprintApiTest} against the native executable (queries, SSE, readiness on a failing write, metrics, OpenAPI, the dashboard's page, API and Chart.js webjar). */
@QuarkusIntegrationTest
class NativeFingerprintApiIT extends FingerprintApiTest {
}
