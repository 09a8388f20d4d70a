package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** moxxy's JSON: snake_case keys, absent optional fields left out of requests, timestamps in SQLite's UTC form. */
final class MoxxyJson {

    /** SQLite's {@code CURRENT_TIMESTAMP}, read back as text: {@code 2026-02-20 10:15:03}, UTC. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule().addDeserializer(Instant.class, new TimestampDeserializer()))
            .build();

    private MoxxyJson() {
    }

    private static final class TimestampDeserializer extends StdDeserializer<Instant> {

        TimestampDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return LocalDateTime.parse(text, TIMESTAMP).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, Instant.class, "not a moxxy timestamp");
            }
        }
    }
}
