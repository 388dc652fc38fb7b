package io.fingerprint.servicehttp;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refusals made below JAX-RS, so its exception mappers never see them, answered with the same
 * {@code {"error": "..."}} JSON as every other refusal of the generator and the saver instead of an
 * empty body:
 * <ul>
 * <li>a declared body (Content-Length) above {@code quarkus.http.limits.max-body-size}: 413, checked
 * before Quarkus' own check (which answers an empty 413), the body never read, the connection closed;</li>
 * <li>a body of unknown length (chunked) that outgrows the limit while it is read: 413;</li>
 * <li>other 4xx failures of the router itself, e.g. a request target without a leading slash (404).</li>
 * </ul>
 * Errors of the HTTP server itself (request line or headers too long, an unparsable Content-Length,
 * a query string that is not percent-encoding) are answered by Vert.x before any route runs, with
 * an empty body: Quarkus offers no hook there.
 */
@ApplicationScoped
public class RouterErrors {

    static final String LIMIT_KEY = "quarkus.http.limits.max-body-size";

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig().getOptionalValue(LIMIT_KEY, MemorySize.class)
                .map(MemorySize::asLongValue).orElse(-1L);
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (limit >= 0 && declared != null && tooLong(declared, limit)) {
                tooLarge(ctx, limit);
            } else if (limit >= 0 && declared == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                // A body of unknown length is read here, up to the limit (beyond it: 413 below);
                // REST then takes the body read. Left to REST, an oversized one got an empty 413.
                chunkedBodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(ctx -> {
            int status = ctx.statusCode();
            if (status < 400 || status > 499 || ctx.response().headWritten()) {
                ctx.next();
            } else if (status == 413) {
                tooLarge(ctx, limit);
            } else {
                json(ctx.response(), status, reason(status));
            }
        });
    }

    /** Larger than the limit, or not a number the codec would have let through (it refuses those itself). */
    private static boolean tooLong(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void tooLarge(RoutingContext ctx, long limit) {
        HttpServerResponse response = ctx.response();
        // The unread body must not be taken for the next request on this connection.
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.endHandler(v -> ctx.request().connection().close());
        json(response, 413, "request body too large: at most " + limit + " bytes");
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            default -> "HTTP " + status;
        };
    }

    static void json(HttpServerResponse response, int status, String message) {
        String body = "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
