package dev.switchboard.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON the services write (java.time as ISO-8601 text), for tests that read or write events and answers outside
 * a Quarkus application, where there is no configured mapper to inject.
 */
public final class TestJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestJson() {
    }
}
