package io.fingerprint.generator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into {@code {"error": "..."}} JSON with the right status. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status().getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, "malformed JSON: " + e.getOriginalMessage());
    }

    /** The issue asks for 400, not 415, when the body is not JSON. */
    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e) {
        return json(400, "Content-Type must be application/json");
    }

    /** Other JAX-RS client errors (404, 405, ...) keep their status but get a JSON body too. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, status == 404 ? "no such resource" : e.getMessage());
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
