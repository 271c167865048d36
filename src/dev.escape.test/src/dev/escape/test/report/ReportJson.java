package dev.escape.test.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * escape's JSON reports read back with Jackson, strictly: a duplicate member or text after the
 * value is an error, as is anything that is not RFC 8259 JSON. Objects become maps (in member
 * order), arrays lists, integers {@link Long}s and other numbers {@link Double}s.
 */
public final class ReportJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .build();

    private ReportJson() {
    }

    /** The JSON object {@code text}; an {@link IllegalArgumentException} if it is not one. */
    public static Map<String, Object> parse(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object o) {
        return (List<Object>) o;
    }
}
