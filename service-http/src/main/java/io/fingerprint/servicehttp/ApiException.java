package io.fingerprint.servicehttp;

import jakarta.ws.rs.core.Response;

/** A refused request: the status and the message the client sees. No stack trace is filled in. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, message);
    }

    public Response.Status status() {
        return status;
    }
}
