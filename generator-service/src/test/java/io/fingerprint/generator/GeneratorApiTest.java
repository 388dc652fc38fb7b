package io.fingerprint.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST contract: status, every refused request, and the operational endpoints. */
@QuarkusTest
@QuarkusTestResource(SensorTopicResource.class)
class GeneratorApiTest {

    private static final int KEPT_RATE = 7;

    @BeforeEach
    void knownRate() {
        GeneratorApi.setRate(KEPT_RATE).statusCode(200).body("readings_per_second", equalTo(KEPT_RATE));
    }

    @Test
    void statusDescribesTheGenerator() {
        given().get("/generator").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("running", equalTo(true))
                .body("readings_per_second", equalTo(KEPT_RATE))
                .body("max_readings_per_second", equalTo(1000000))
                .body("equipment_ids", hasItems(110, 111, 112, 113, 114))
                .body("sensor_ids", hasItems("0001", "0002", "0003", "0004", "0005"))
                .body("$", org.hamcrest.Matchers.hasKey("achieved_per_second"))
                .body("$", org.hamcrest.Matchers.hasKey("rate_reached"))
                .body("$", org.hamcrest.Matchers.hasKey("sent"))
                .body("$", org.hamcrest.Matchers.hasKey("failed"));
    }

    @Test
    void rateZeroPausesAndResumeRestoresTheLastRate() {
        GeneratorApi.setRate(0).statusCode(200).body("running", equalTo(false));
        given().post("/generator/resume").then().statusCode(200)
                .body("running", equalTo(true))
                .body("readings_per_second", equalTo(KEPT_RATE));
    }

    static Stream<Arguments> badRequests() {
        String json = "application/json";
        return Stream.of(
                Arguments.of("negative", json, "{\"readings_per_second\": -1}", "must not be negative"),
                Arguments.of("above the maximum", json, "{\"readings_per_second\": 1000001}", "at most 1000000"),
                Arguments.of("far above int", json, "{\"readings_per_second\": 99999999999999999999}", "at most"),
                Arguments.of("a string", json, "{\"readings_per_second\": \"abc\"}", "whole number"),
                Arguments.of("a numeric string", json, "{\"readings_per_second\": \"100\"}", "whole number"),
                Arguments.of("a fraction", json, "{\"readings_per_second\": 1.5}", "whole number"),
                Arguments.of("a boolean", json, "{\"readings_per_second\": true}", "whole number"),
                Arguments.of("missing field", json, "{\"rate\": 10}", "missing field readings_per_second"),
                Arguments.of("null field", json, "{\"readings_per_second\": null}", "missing field"),
                Arguments.of("truncated JSON", json, "{\"readings_per_second\": 10", "malformed JSON"),
                Arguments.of("not JSON", json, "readings_per_second=10", "malformed JSON"),
                Arguments.of("trailing garbage", json, "{\"readings_per_second\": 10} x", "malformed JSON"),
                Arguments.of("an array", json, "[10]", "JSON object"),
                Arguments.of("empty body", json, "", "body is missing"),
                Arguments.of("text/plain", "text/plain", "{\"readings_per_second\": 10}", "Content-Type"),
                Arguments.of("form", "application/x-www-form-urlencoded", "readings_per_second=10", "Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestGets400NamingTheProblemAndChangesNothing(String name, String contentType, String body,
            String problem) {
        given().contentType(contentType).body(body).put("/generator/rate").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString(problem));
        given().get("/generator").then()
                .body("readings_per_second", equalTo(KEPT_RATE))
                .body("running", equalTo(true));
    }

    @Test
    void aFractionWithoutDecimalsIsAWholeNumber() {
        given().contentType(ContentType.JSON).body("{\"readings_per_second\": 12.0}").put("/generator/rate").then()
                .statusCode(200).body("readings_per_second", equalTo(12));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Kafka"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("generator_readings_sent_total"))
                .body(containsString("generator_readings_failed_total"))
                .body(containsString("generator_rate_target"))
                .body(containsString("generator_rate_achieved"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/generator/rate"));
    }
}
