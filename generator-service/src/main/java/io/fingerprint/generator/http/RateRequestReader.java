package io.fingerprint.generator.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fingerprint.servicehttp.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@link RateRequest} with Jackson, strictly: a repeated field (which of two rates?) or content
 * after the object is malformed JSON, a string is not a number. Taken for every content type, so that
 * a wrong one gets the 400 naming it (the status) rather than JAX-RS' 415.
 */
@Provider
public class RateRequestReader implements MessageBodyReader<RateRequest> {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectReader JSON = MAPPER.readerFor(RateRequest.class);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == RateRequest.class;
    }

    /** Null for an empty body: the resource's {@code @NotNull} says it is missing. */
    @Override
    public RateRequest readFrom(Class<RateRequest> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        requireJson(headers.getFirst(HttpHeaders.CONTENT_TYPE));
        // decoded first, so that bytes which are not UTF-8 read as U+FFFD rather than as another encoding
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            RateRequest request = JSON.readValue(text);
            if (request != null) {
                return request;
            }
        } catch (MismatchedInputException e) { // well-formed, but not the shape of a RateRequest
            if (!e.getPath().isEmpty()) {
                // the field holds something other than a number: shown as the client wrote it
                throw ApiException.badRequest(RateRequest.WHOLE_NUMBER + ", got " + MAPPER.readTree(text).get(RateRequest.FIELD));
            }
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                throw ApiException.badRequest("malformed JSON: content after the object");
            }
        }
        throw ApiException.badRequest("body must be a JSON object: " + RateRequest.EXPECTED);
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
