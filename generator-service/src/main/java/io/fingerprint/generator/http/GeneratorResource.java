package io.fingerprint.generator.http;

import io.fingerprint.generator.GeneratorConfig;
import io.fingerprint.generator.emit.RateControl;
import io.fingerprint.generator.emit.ReadingCounters;
import io.fingerprint.servicehttp.ApiException;
import io.fingerprint.servicehttp.ErrorBody;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigInteger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
                Math.round(counters.achievedPerSecond() * 10) / 10.0, counters.rateReached(), counters.sent(), counters.failed(), counters.throttled(),
                config.equipmentIds(), config.sensorIds());
    }

    /** The body is bound by {@link RateRequestReader} and checked by Bean Validation; the maximum is configured. */
    @PUT
    @Path("/rate")
    @ControlEndpoint
    @Operation(summary = "Set readings per second (0 pauses); effective within one scheduler tick")
    @APIResponse(responseCode = "200", description = "The new status")
    @APIResponse(responseCode = "400", description = "Refused; nothing changed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "Control token required")
    @APIResponse(responseCode = "403", description = "Wrong control token")
    public GeneratorStatus setRate(@Valid @NotNull(message = "request body is missing: expected \\{\"" + RateRequest.FIELD
            + "\": N\\}") RateRequest request) {
        BigInteger rate = request.wholeValue();
        if (rate.compareTo(BigInteger.valueOf(control.maxRate())) > 0) {
            throw ApiException.badRequest(RateRequest.FIELD + " must be at most " + control.maxRate() + ", got " + rate);
        }
        control.setRate(rate.intValue());
        LOG.infof("Rate set to %d readings/s%s", rate, rate.signum() == 0 ? " (paused)" : "");
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
