package io.fingerprint.generator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fingerprint.servicehttp.ErrorMappers;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The generator's own refusals, as the same {@code {"error": "..."}} JSON as service-http's {@link ErrorMappers}. */
public class RequestBodyErrors {

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return ErrorMappers.json(400, "malformed JSON: " + reason(e));
    }

    /** A body Bean Validation refused: the constraint's message, and the value it refused. */
    @ServerExceptionMapper
    public Response invalid(ResteasyReactiveViolationException e) {
        ConstraintViolation<?> violation = e.getConstraintViolations().iterator().next();
        boolean showValue = violation.getLeafBean() instanceof RateRequest r && r.readingsPerSecond() != null;
        return ErrorMappers.json(400, violation.getMessage() + (showValue ? ", got " + ((RateRequest) violation.getLeafBean()).shown() : ""));
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
}
