package io.fingerprint.generator.http;

import io.fingerprint.servicehttp.ErrorBody;
import io.fingerprint.generator.GeneratorConfig;
import io.fingerprint.generator.emit.RateControl;
import io.fingerprint.generator.emit.ReadingCounters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/** Reads and changes the generator's rate at runtime. */
@Path("/generator")
@Produces(MediaType.APPLICATION_JSON)
public class GeneratorResource {

    private static final Logger LOG = Logger.getLogger("io.fingerprint.generator");

    @Inject
    GeneratorConfig config;
    @Inject
    RateControl control;
    @Inject
    ReadingCounters counters;

    @GET
    @Operation(summary = "Current rate, counters and what is simulated")
    public GeneratorStatus status() {
        return new GeneratorStatus(control.running(), control.rate(), control.maxRate(),
                Math.round(counters.achievedPerSecond() * 10) / 10.0, counters.sent(), counters.failed(), counters.throttled(),
                config.equipmentIds(), config.sensorIds());
    }

    /** The body is read as text and parsed by hand so every mistake gets a 400 naming it. */
    @PUT
    @Path("/rate")
    @ControlEndpoint
    @Operation(summary = "Set readings per second (0 pauses); effective within one scheduler tick")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RateRequest.class)))
    @APIResponse(responseCode = "200", description = "The new status")
    @APIResponse(responseCode = "400", description = "Refused; nothing changed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "Control token required")
    @APIResponse(responseCode = "403", description = "Wrong control token")
    public GeneratorStatus setRate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        int rate = RateRequestParser.parse(contentType, body, control.maxRate());
        control.setRate(rate);
        LOG.infof("Rate set to %d readings/s%s", rate, rate == 0 ? " (paused)" : "");
        return status();
    }

    @POST
    @Path("/pause")
    @ControlEndpoint
    @Operation(summary = "Stop emitting; the rate is kept for resume")
    public GeneratorStatus pause() {
        control.pause();
        LOG.info("Paused");
        return status();
    }

    @POST
    @Path("/resume")
    @ControlEndpoint
    @Operation(summary = "Emit again at the kept rate")
    public GeneratorStatus resume() {
        control.resume();
        LOG.infof("Resumed at %d readings/s", control.rate());
        return status();
    }
}
