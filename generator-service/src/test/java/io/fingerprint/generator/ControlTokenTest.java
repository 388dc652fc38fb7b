package io.fingerprint.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a control token set, writes need it and reads stay open. */
@QuarkusTest
@TestProfile(ControlTokenTest.WithToken.class)
@QuarkusTestResource(SensorTopicResource.class)
class ControlTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("generator.control-token", "s3cret", "generator.readings-per-second", "3");
        }
    }

    private static final String BODY = "{\"readings_per_second\": 50}";

    @Test
    void writesWithoutTheTokenGet401AndChangeNothing() {
        given().contentType(ContentType.JSON).body(BODY).put("/generator/rate").then()
                .statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType(ContentType.JSON).body("error", containsString("Bearer"));
        given().post("/generator/pause").then().statusCode(401);
        given().header("Authorization", "Basic czNjcmV0").post("/generator/pause").then().statusCode(401);
        given().get("/generator").then().statusCode(200)
                .body("readings_per_second", equalTo(3)).body("running", equalTo(true));
    }

    @Test
    void writesWithAWrongTokenGet403AndChangeNothing() {
        given().header("Authorization", "Bearer nope").contentType(ContentType.JSON).body(BODY)
                .put("/generator/rate").then()
                .statusCode(403).contentType(ContentType.JSON).body("error", containsString("token"));
        given().header("Authorization", "Bearer s3cret-but-longer").post("/generator/pause").then().statusCode(403);
        given().get("/generator").then().statusCode(200)
                .body("readings_per_second", equalTo(3)).body("running", equalTo(true));
    }

    @Test
    void writesWithTheTokenWork() {
        given().header("Authorization", "Bearer s3cret").contentType(ContentType.JSON).body(BODY)
                .put("/generator/rate").then().statusCode(200).body("readings_per_second", equalTo(50));
        given().header("Authorization", "Bearer s3cret").post("/generator/pause").then()
                .statusCode(200).body("running", equalTo(false));
        given().header("Authorization", "Bearer s3cret").contentType(ContentType.JSON)
                .body("{\"readings_per_second\": 3}").put("/generator/rate").then().statusCode(200);
    }
}
