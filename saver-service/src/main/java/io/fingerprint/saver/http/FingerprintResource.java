package io.fingerprint.saver.http;

import io.fingerprint.servicehttp.ApiException;
import io.fingerprint.saver.store.FingerprintQuery;
import io.fingerprint.saver.store.FingerprintStore;
import io.fingerprint.saver.store.FingerprintSummary;
import io.fingerprint.saver.store.SavedFeed;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Saved fingerprints, served from the in-memory index; files are read only for one document. */
@Path("/fingerprints")
@Produces(MediaType.APPLICATION_JSON)
public class FingerprintResource {

    private final FingerprintStore store;
    private final SavedFeed feed;

    FingerprintResource(FingerprintStore store, SavedFeed feed) {
        this.store = store;
        this.feed = feed;
    }

    @GET
    @Operation(summary = "Saved fingerprints, newest window first",
            description = "from/to (epoch ms) keep fingerprints whose window [start_ms, end_ms) lies within [from, to].")
    public FingerprintPage list(@QueryParam("equip_id") String equipId,
                                @Parameter(description = "epoch ms, window start at or after") @QueryParam("from") String from,
                                @Parameter(description = "epoch ms, window end at or before") @QueryParam("to") String to,
                                @Parameter(description = "1-1000, default 50") @QueryParam("limit") String limit,
                                @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor) {
        FingerprintQuery query = QueryParams.query(equipId, from, to, limit, cursor);
        List<FingerprintSummary> found = store.index().query(query);
        if (found.size() > query.limit()) {
            List<FingerprintSummary> page = found.subList(0, query.limit());
            return new FingerprintPage(List.copyOf(page), FingerprintQuery.cursorOf(page.get(page.size() - 1)));
        }
        return new FingerprintPage(found, null);
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The saved document of the newest window, optionally of one equipment")
    public java.io.File latest(@QueryParam("equip_id") String equipId) {
        List<FingerprintSummary> newest = store.index().query(
                new FingerprintQuery(QueryParams.equipId(equipId), null, null, 1, null));
        if (newest.isEmpty()) {
            throw ApiException.notFound("no fingerprint saved" + (equipId == null || equipId.isBlank() ? "" : " for equip_id " + equipId.trim()));
        }
        return document(newest.get(0).uuid());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: the summary of each fingerprint saved from now on")
    public Multi<FingerprintSummary> stream() {
        return feed.stream();
    }

    @GET
    @Path("/{uuid}")
    @Operation(summary = "The saved document: the fingerprint, its input records, input_count and complete")
    public java.io.File get(@PathParam("uuid") String uuid) {
        return document(QueryParams.uuid(uuid));
    }

    private java.io.File document(String uuid) {
        java.nio.file.Path file = store.file(uuid)
                .filter(Files::isRegularFile)
                .orElseThrow(() -> ApiException.notFound("no fingerprint " + uuid));
        return file.toFile();
    }
}
