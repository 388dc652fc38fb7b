package io.fingerprint.saver.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses {@code /fingerprints/…} and {@code /dashboard/fingerprints/…} requests whose raw path is
 * more than one plain segment, before the HTTP layer decodes and normalises it:
 * {@code /fingerprints/%2e%2e} would otherwise quietly become {@code /} and {@code ..%2F} a
 * different route. The client gets the same 400 as for any uuid that is not a UUID, and nothing is
 * looked up.
 */
@ApplicationScoped
public class RawPathGuard {

    private static final List<String> PREFIXES = List.of("/fingerprints/", "/dashboard/fingerprints/");
    private static final Pattern ONE_PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9-]*");
    private static final String BODY = "{\"error\":\"" + QueryParams.UUID_ERROR + "\"}";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String uri = ctx.request().uri();
            int query = uri.indexOf('?');
            String rawPath = query < 0 ? uri : uri.substring(0, query);
            for (String prefix : PREFIXES) {
                if (rawPath.startsWith(prefix) && !ONE_PLAIN_SEGMENT.matcher(rawPath.substring(prefix.length())).matches()) {
                    ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(BODY);
                    return;
                }
            }
            ctx.next();
        });
    }
}
