package io.fingerprint.saver;

import static io.restassured.RestAssured.given;

/**
 * What the running saver shows an operator over HTTP (Prometheus metrics, readiness details), read
 * the same way of the jar in a {@code @QuarkusTest} and of the native executable in a
 * {@code @QuarkusIntegrationTest}, where no bean can be injected.
 */
final class SaverView {

    private SaverView() {
    }

    /** The sum of a Prometheus sample over its series (e.g. {@code saver_fingerprints_saved_total}); fails if there is none. */
    static double metric(String sample) {
        return metric(sample, "");
    }

    /** The same over the series of the sample that carry this label ({@code from="memory"}). */
    static double metric(String sample, String label) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            boolean named = line.startsWith(sample + " ") || line.startsWith(sample + "{");
            if (named && line.substring(0, line.lastIndexOf(' ')).contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no " + sample + (label.isEmpty() ? "" : " with " + label) + " in /q/metrics");
        }
        return sum;
    }

    /** The output-folder readiness check's "failed_write" ("none" while writes succeed): the fingerprint whose write failed, and why. */
    static String failedWrite() {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'output-folder' }.data.failed_write");
    }
}
