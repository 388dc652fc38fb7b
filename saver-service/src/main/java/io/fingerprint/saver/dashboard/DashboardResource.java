package io.fingerprint.saver.dashboard;

import io.fingerprint.saver.SaverConfig;
import io.fingerprint.saver.http.QueryParams;
import io.fingerprint.servicehttp.ApiException;
import io.fingerprint.saver.store.FingerprintQuery;
import io.fingerprint.saver.store.FingerprintStore;
import io.fingerprint.saver.store.FingerprintSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * The few reads the dashboard page (index.html) needs beyond the public API: the latest fingerprint
 * of every equipment and the recent windows of one, with their statistics but without their input
 * records, and where the generator is.
 */
@Path("/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private static final Logger LOG = Logger.getLogger(DashboardResource.class);
    private static final int SCAN_PAGE = 1000;
    static final int DEFAULT_WINDOWS = 30;
    static final int MAX_WINDOWS = 500;

    private final FingerprintStore store;
    private final DashboardConfig config;

    DashboardResource(FingerprintStore store, SaverConfig saver,
                      @ConfigProperty(name = "saver.generator-url", defaultValue = "http://localhost:8080") String generatorUrl,
                      @ConfigProperty(name = "saver.window-size", defaultValue = "1m") Duration windowSize) {
        this.store = store;
        this.config = new DashboardConfig(stripSlash(generatorUrl.trim()), windowSize.toMillis(),
                saver.outOfOrderness().toMillis());
    }

    @GET
    @Path("/config")
    @Operation(summary = "The generator's URL (saver.generator-url) and the window timing, for the dashboard page")
    public DashboardConfig config() {
        return config;
    }

    @GET
    @Path("/equipments")
    @Operation(summary = "Every equipment seen, each with its newest saved fingerprint and its statistics")
    public Map<String, List<FingerprintView>> equipments() {
        Map<String, FingerprintSummary> newest = new LinkedHashMap<>();
        FingerprintSummary after = null;
        while (true) {
            List<FingerprintSummary> page = store.index().query(new FingerprintQuery(null, null, null, SCAN_PAGE, after));
            int n = Math.min(page.size(), SCAN_PAGE);
            for (int i = 0; i < n; i++) {
                newest.putIfAbsent(page.get(i).equipId(), page.get(i));
            }
            if (page.size() <= SCAN_PAGE) {
                break;
            }
            after = page.get(n - 1);
        }
        List<FingerprintView> views = new ArrayList<>();
        newest.values().stream().sorted(Comparator.comparing(FingerprintSummary::equipId, DashboardResource::compareIds))
                .forEach(s -> view(s).ifPresent(views::add));
        return Map.of("equipments", views);
    }

    @GET
    @Path("/fingerprints")
    @Operation(summary = "The newest windows of one equipment with their statistics, newest first")
    public Map<String, List<FingerprintView>> fingerprints(@QueryParam("equip_id") String equipId, @QueryParam("limit") String limit) {
        String equip = QueryParams.requiredEquipId(equipId);
        int size = QueryParams.limit(limit, DEFAULT_WINDOWS, MAX_WINDOWS);
        List<FingerprintSummary> found = store.index().query(new FingerprintQuery(equip, null, null, size, null));
        List<FingerprintView> views = new ArrayList<>();
        found.stream().limit(size).forEach(s -> view(s).ifPresent(views::add));
        return Map.of("items", views);
    }

    @GET
    @Path("/fingerprints/{uuid}")
    @Operation(summary = "One saved fingerprint with its statistics, without its input records")
    public FingerprintView fingerprint(@PathParam("uuid") String uuid) {
        return store.index().get(QueryParams.uuid(uuid))
                .flatMap(this::view)
                .orElseThrow(() -> ApiException.notFound("no fingerprint " + uuid));
    }

    /** Empty when the file went away or cannot be read: the page then just does not show that window. */
    private Optional<FingerprintView> view(FingerprintSummary summary) {
        Optional<java.nio.file.Path> file = store.file(summary.uuid());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FingerprintView.of(summary, FingerprintHeadReader.sensors(file.get())));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Cannot read %s for the dashboard: %s", file.get().getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Numeric ids in numeric order (9 before 110), then the others by text. */
    static int compareIds(String a, String b) {
        boolean na = a.matches("[0-9]{1,18}");
        boolean nb = b.matches("[0-9]{1,18}");
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
