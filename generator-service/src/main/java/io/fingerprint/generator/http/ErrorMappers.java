package io.fingerprint.generator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fingerprint.servicehttp.ApiException;
import io.fingerprint.servicehttp.ErrorBody;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into {@code {"error": "..."}} JSON with the right status. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status().getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, "malformed JSON: " + reason(e));
    }

    /** A body Bean Validation refused: the constraint's message, and the value it refused. */
    @ServerExceptionMapper
    public Response invalid(ResteasyReactiveViolationException e) {
        ConstraintViolation<?> violation = e.getConstraintViolations().iterator().next();
        boolean showValue = violation.getLeafBean() instanceof RateRequest r && r.readingsPerSecond() != null;
        return json(400, violation.getMessage() + (showValue ? ", got " + ((RateRequest) violation.getLeafBean()).shown() : ""));
    }

    /**
     * Other JAX-RS client errors (404, 405, 406, ...) keep their status but get a JSON body too, in
     * words of the API rather than of the framework.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 406 -> "none of the types in the Accept header is served here (application/json)";
            default -> e.getMessage();
        });
    }

    /** Anything unexpected: logged here with its stack trace, the client only learns that it failed. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "Unexpected error serving a request");
        return json(500, "internal error");
    }

    /**
     * The parser's own words, which say what and where; a message naming Jackson's classes or
     * features (data-binding errors do) is replaced, so no internals reach the client.
     */
    static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ").trim();
        if (message.isEmpty() || message.contains("`") || message.contains("com.fasterxml") || message.contains("Feature")) {
            return "not a single JSON value";
        }
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
