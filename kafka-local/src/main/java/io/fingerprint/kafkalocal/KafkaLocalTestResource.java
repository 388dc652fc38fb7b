package io.fingerprint.kafkalocal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.reflect.Field;
import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real broker of this test JVM ({@link KafkaLocal#shared()}):
 * {@code @QuarkusTestResource(KafkaLocalTestResource.class)}. Quarkus Dev Services stay off.
 *
 * <p>What a resource's {@link #start()} configures also reaches the test's {@link FromTestResource} fields
 * of that key through {@link #inject}, in a {@code @QuarkusTest} and in a {@code @QuarkusIntegrationTest}
 * (the native executable) alike, so one test class runs unchanged in both modes.
 */
public class KafkaLocalTestResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> started = Map.of();

    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaLocal.shared().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    /** Call from a subclass's {@code start()} on what it returns, for {@link #inject}. */
    protected Map<String, String> started(Map<String, String> config) {
        started = Map.copyOf(config);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        started.forEach((key, value) -> injector.injectIntoFields(value, field -> configures(field, key)));
    }

    /** By name: in a {@code @QuarkusTest} the test class comes from Quarkus' class loader, not this one's. */
    private static boolean configures(Field field, String key) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(FromTestResource.class.getName())) {
                try {
                    return key.equals(annotation.annotationType().getMethod("value").invoke(annotation))
                            && field.getType().getName().equals(String.class.getName());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return false;
    }

    @Override
    public void stop() {
        // The shared broker lives until the test JVM exits: later test classes reuse it.
    }
}
