package io.fingerprint.job.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceCountedResourcesTest {

    private static final class Resource implements AutoCloseable {
        int closed;

        @Override
        public void close() {
            closed++;
        }
    }

    private final ReferenceCountedResources<String, Resource> shared = new ReferenceCountedResources<>(key -> new Resource());

    @Test
    void theLastLeaseClosedClosesTheSharedResource() throws Exception {
        AutoCloseable first = shared.acquire("cluster");
        Resource resource = shared.find("cluster");
        AutoCloseable second = shared.acquire("cluster");
        assertThat(shared.find("cluster")).as("one resource per key").isSameAs(resource);

        first.close();
        first.close();
        assertThat(resource.closed).as("a lease is released once, however often it is closed").isZero();
        assertThat(shared.find("cluster")).isSameAs(resource);

        second.close();
        assertThat(resource.closed).isEqualTo(1);
        assertThat(shared.find("cluster")).isNull();
    }

    @Test
    void keysDoNotShareAndAResourceIsMadeAgainAfterItsLastClose() throws Exception {
        try (AutoCloseable a = shared.acquire("a"); AutoCloseable b = shared.acquire("b")) {
            assertThat(shared.find("a")).isNotSameAs(shared.find("b"));
        }
        assertThat(shared.find("a")).isNull();
        try (AutoCloseable again = shared.acquire("a")) {
            assertThat(shared.find("a")).isNotNull().extracting(r -> r.closed).isEqualTo(0);
        }
    }
}
