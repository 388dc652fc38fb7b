package io.fingerprint.kafkalocal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test's {@code String} field set to what a {@link KafkaLocalTestResource} configured under this key
 * (a topic, a group, a folder). Unlike {@code @ConfigProperty}, which Quarkus refuses in a
 * {@code @QuarkusIntegrationTest}, it works the same against the jar in a {@code @QuarkusTest} and
 * against the native executable.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface FromTestResource {
    String value();
}
