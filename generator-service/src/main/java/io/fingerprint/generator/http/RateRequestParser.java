package io.fingerprint.generator.http;

import io.fingerprint.servicehttp.ApiException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads {@code {"readings_per_second": N}} strictly, by hand rather than through data binding, so
 * that each way a request can be wrong gets its own message (and the 400 status the issue asks
 * for, also for a wrong content type where JAX-RS would say 415).
 */
final class RateRequestParser {

    static final String FIELD = "readings_per_second";
    private static final String EXPECTED = "expected {\"" + FIELD + "\": N}";
    /** Strict: a repeated field (which of two rates?) is malformed JSON, and so is trailing content (below). */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RateRequestParser() {
    }

    static int parse(String contentType, String body, int maxRate) {
        requireJson(contentType);
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("request body is missing: " + EXPECTED);
        }
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(body)) {
            root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("malformed JSON: content after the object");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + reason(e));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
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

    /**
     * The parser's own words, which say what and where; a message naming Jackson's classes or
     * features (data-binding errors do) is replaced, so no internals reach the client.
     */
    static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ").trim();
        if (message.isEmpty() || message.contains("`") || message.contains("com.fasterxml") || message.contains("Feature")) {
            return "not a single JSON value";
        }
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
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
        // JSON is UTF-8 (RFC 8259); a body announced in another or an unknown charset is refused, not guessed at.
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw ApiException.badRequest("Content-Type charset must be utf-8, got " + charset);
        }
    }
}
