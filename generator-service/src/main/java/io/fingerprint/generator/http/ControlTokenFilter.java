package io.fingerprint.generator.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * When {@code GENERATOR_CONTROL_TOKEN} is set, {@link ControlEndpoint}s need
 * {@code Authorization: Bearer <token>}: 401 without it, 403 with a wrong one. Reads stay open.
 * Runs before the body is read, so an unauthorised request learns nothing about its body.
 */
@Provider
@ControlEndpoint
@Priority(Priorities.AUTHENTICATION)
public class ControlTokenFilter implements ContainerRequestFilter {

    @Inject
    ControlToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        Response refusal = token.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }
}
