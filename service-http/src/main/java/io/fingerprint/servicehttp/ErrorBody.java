package io.fingerprint.servicehttp;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"error": "..."}}: every refused request gets one, never a stack trace. */
@RegisterForReflection
public record ErrorBody(String error) {
}
