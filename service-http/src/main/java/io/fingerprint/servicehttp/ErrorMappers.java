package io.fingerprint.servicehttp;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error of both services' JAX-RS resources into {@code {"error": "..."}} JSON with the
 * right status; no stack trace leaves. A service adds mappers for its own exceptions; what it serves
 * (the words of 405 and 406) it states in its properties.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ConfigProperty(name = "service-http.refusal.method-not-allowed", defaultValue = "method not allowed")
    String methodNotAllowed;

    @ConfigProperty(name = "service-http.refusal.not-acceptable",
            defaultValue = "none of the types in the Accept header is served here (application/json)")
    String notAcceptable;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status().getStatusCode(), e.getMessage());
    }

    /**
     * Other JAX-RS errors (404 of unknown paths, 405, 406, ...) keep their status but get a JSON
     * body too, in words of the API rather than of the framework.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, switch (status) {
            case 404 -> "no such resource";
            case 405 -> methodNotAllowed;
            case 406 -> notAcceptable;
            case 415 -> "unsupported Content-Type";
            default -> e.getMessage();
        });
    }

    /** Anything unexpected: logged here with its stack trace, the client only learns that it failed. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "Unexpected error serving a request");
        return json(500, "internal error");
    }

    public static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
