package io.fingerprint.generator;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Small REST helpers shared by the tests. */
final class GeneratorApi {

    private GeneratorApi() {
    }

    static ValidatableResponse setRate(int rate) {
        return given().contentType(ContentType.JSON).body("{\"readings_per_second\":" + rate + "}")
                .put("/generator/rate").then();
    }

    static int rate() {
        return given().get("/generator").then().statusCode(200).extract().path("readings_per_second");
    }

    static boolean running() {
        return given().get("/generator").then().statusCode(200).extract().path("running");
    }
}
