package io.fingerprint.saver.http;

import io.fingerprint.servicehttp.ErrorBody;
import io.fingerprint.servicehttp.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into {@code {"error": "..."}} JSON with the right status; no stack traces leave. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

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
            case 405 -> "method not allowed: this API only reads (GET)";
            case 406 -> "none of the types in the Accept header is served here (JSON, or text/event-stream for the stream)";
            case 415 -> "unsupported Content-Type";
            default -> e.getMessage();
        });
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "Unexpected error serving a request");
        return json(500, "internal error");
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
