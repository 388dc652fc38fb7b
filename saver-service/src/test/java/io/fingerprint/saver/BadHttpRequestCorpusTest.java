package io.fingerprint.saver;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of {@code corpus/bad-http-requests.tsv}, sent byte for byte to the running saver:
 * the expected 4xx, a JSON {@code {"error": …}} naming the problem and showing no stack trace or
 * class name (or no body at all where the HTTP codec refuses the request); after each one and after
 * all of them the service still answers good requests.
 */
@QuarkusTest
@QuarkusTestResource(SaverTopicsResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadHttpRequestCorpusTest {

    static final String CORPUS = "/corpus/bad-http-requests.tsv";

    @TestHTTPResource("/")
    URI root;

    static List<BadRequest> corpus() {
        return HttpCorpus.load(CORPUS);
    }

    @Test
    @Order(1)
    void theCorpusHoldsAtLeast15Requests() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(corpus().stream().filter(r -> !r.expectsEmptyBody())).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(2)
    void eachBadRequestGetsItsStatusAndAJsonErrorWithoutInternals(BadRequest request) throws Exception {
        Response response = HttpCorpus.send(root.getHost(), root.getPort(), request);

        HttpCorpus.assertRefused(request, response);
        given().get("/fingerprints?limit=1").then().statusCode(200);
    }

    @Test
    @Order(3)
    void afterTheWholeCorpusTheServiceIsLiveReadyAndAnswers() {
        given().get("/fingerprints?limit=1").then().statusCode(200).body("items", org.hamcrest.Matchers.notNullValue());
        given().get("/dashboard/config").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
