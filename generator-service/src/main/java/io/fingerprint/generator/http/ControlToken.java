package io.fingerprint.generator.http;

import io.fingerprint.generator.GeneratorConfig;
import io.fingerprint.servicehttp.ErrorBody;
import io.fingerprint.servicehttp.ErrorMappers;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;

/**
 * The optional control token. Application-scoped (a lazy proxy) because JAX-RS filters are built
 * at static init, before runtime configuration such as {@code GENERATOR_CONTROL_TOKEN} exists.
 */
@Startup // so that a missing token is warned about at startup
@ApplicationScoped
public class ControlToken {

    private static final String BEARER = "Bearer ";

    private byte[] token;

    @Inject
    void init(GeneratorConfig config) {
        token = config.controlToken()
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (token == null) {
            Logger.getLogger(ControlToken.class)
                    .warn("GENERATOR_CONTROL_TOKEN is not set: anyone who can reach the HTTP port can change the rate");
        }
    }

    /** The refusal for this Authorization header, or null when the request may pass. */
    public Response refusal(String authorization) {
        if (token == null) {
            return null;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Response.status(401)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(new ErrorBody("missing Authorization: Bearer <token>"))
                    .build();
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the answer time says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(given, token)) {
            return ErrorMappers.json(403, "wrong control token");
        }
        return null;
    }
}
