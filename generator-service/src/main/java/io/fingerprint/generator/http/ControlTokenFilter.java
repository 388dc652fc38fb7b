package io.fingerprint.generator.http;

import io.fingerprint.generator.GeneratorConfig;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When {@code GENERATOR_CONTROL_TOKEN} is set, {@link ControlEndpoint}s need
 * {@code Authorization: Bearer <token>}: 401 without it, 403 with a wrong one. Reads stay open.
 */
@Provider
@ControlEndpoint
@Priority(Priorities.AUTHENTICATION)
public class ControlTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    @Inject
    public ControlTokenFilter(GeneratorConfig config) {
        this.token = config.controlToken()
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (token == null) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized());
            return;
        }
        byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the answer time says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(given, token)) {
            request.abortWith(ErrorMappers.json(403, "wrong control token"));
        }
    }

    private static Response unauthorized() {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ErrorBody("missing Authorization: Bearer <token>"))
                .build();
    }
}
