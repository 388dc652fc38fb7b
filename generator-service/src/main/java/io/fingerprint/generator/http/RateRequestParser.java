package io.fingerprint.generator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.ws.rs.core.MediaType;
import java.math.BigInteger;

/**
 * Reads {@code {"readings_per_second": N}} strictly, by hand rather than through data binding, so
 * that each way a request can be wrong gets its own message (and the 400 status the issue asks
 * for, also for a wrong content type where JAX-RS would say 415).
 */
final class RateRequestParser {

    static final String FIELD = "readings_per_second";
    private static final String EXPECTED = "expected {\"" + FIELD + "\": N}";
    private static final ObjectReader READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private RateRequestParser() {
    }

    static int parse(String contentType, String body, int maxRate) {
        requireJson(contentType);
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("request body is missing: " + EXPECTED);
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("body must be a JSON object: " + EXPECTED);
        }
        JsonNode value = root.get(FIELD);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing field " + FIELD + ": " + EXPECTED);
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral()) {
            throw ApiException.badRequest(FIELD + " must be a whole number, got " + value);
        }
        BigInteger rate = value.bigIntegerValue();
        if (rate.signum() < 0) {
            throw ApiException.badRequest(FIELD + " must not be negative, got " + rate);
        }
        if (rate.compareTo(BigInteger.valueOf(maxRate)) > 0) {
            throw ApiException.badRequest(FIELD + " must be at most " + maxRate + ", got " + rate);
        }
        return rate.intValue();
    }

    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.badRequest("Content-Type must be application/json, got none");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Content-Type must be application/json, got " + contentType);
        }
        if (!MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw ApiException.badRequest("Content-Type must be application/json, got " + contentType);
        }
    }
}
