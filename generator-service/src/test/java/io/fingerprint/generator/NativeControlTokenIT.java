package io.fingerprint.generator;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ControlTokenTest} against the native executable (the control token). */
@QuarkusIntegrationTest
@TestProfile(ControlTokenTest.WithToken.class)
class NativeControlTokenIT extends ControlTokenTest {
}
