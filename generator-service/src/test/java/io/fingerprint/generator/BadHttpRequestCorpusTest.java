package io.fingerprint.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fingerprint.httptestkit.HttpCorpus;
import io.fingerprint.httptestkit.HttpCorpus.BadRequest;
import io.fingerprint.httptestkit.HttpCorpus.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of {@code corpus/bad-http-requests.tsv}, sent byte for byte to the running
 * generator: the expected 4xx, a JSON {@code {"error": …}} naming the problem and showing no stack
 * trace or class name (or no body at all where the HTTP codec refuses the request), the rate and
 * the running state unchanged, and good requests still answered.
 */
@QuarkusTest
@QuarkusTestResource(SensorTopicResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadHttpRequestCorpusTest {

    static final String CORPUS = "/corpus/bad-http-requests.tsv";
    private static final int KEPT_RATE = 9;

    @TestHTTPResource("/")
    URI root;

    static List<BadRequest> corpus() {
        return HttpCorpus.load(CORPUS);
    }

    @BeforeEach
    void knownRate() {
        GeneratorApi.setRate(KEPT_RATE).statusCode(200).body("readings_per_second", equalTo(KEPT_RATE));
    }

    @Test
    @Order(1)
    void theCorpusHoldsAtLeast15RequestsWithAJsonAnswer() {
        assertThat(corpus().stream().filter(r -> !r.expectsEmptyBody())).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(2)
    void eachBadRequestGetsItsStatusAndAJsonErrorAndChangesNothing(BadRequest request) throws Exception {
        Response response = HttpCorpus.send(root.getHost(), root.getPort(), request);

        HttpCorpus.assertRefused(request, response);
        given().get("/generator").then().statusCode(200)
                .body("readings_per_second", equalTo(KEPT_RATE))
                .body("running", equalTo(true));
    }

    @Test
    @Order(3)
    void afterTheWholeCorpusTheServiceIsLiveReadyAndTakesAGoodRate() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        GeneratorApi.setRate(KEPT_RATE + 1).statusCode(200).body("readings_per_second", equalTo(KEPT_RATE + 1));
        given().post("/generator/pause").then().statusCode(200).body("running", equalTo(false));
        given().post("/generator/resume").then().statusCode(200).body("running", equalTo(true))
                .body("readings_per_second", equalTo(KEPT_RATE + 1));
    }
}
