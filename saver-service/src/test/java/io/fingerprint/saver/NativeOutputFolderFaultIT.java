package io.fingerprint.saver;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OutputFolderFaultTest} against the native executable (a full and a read-only tmpfs output folder: readiness DOWN, nothing committed, written once afterwards). */
@QuarkusIntegrationTest
@TestProfile(OutputFolderFaultTest.OnTmpfs.class)
class NativeOutputFolderFaultIT extends OutputFolderFaultTest {
}
