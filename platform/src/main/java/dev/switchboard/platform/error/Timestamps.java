package dev.switchboard.platform.error;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time given in a query parameter: an RFC 3339 timestamp, or a date (its start, UTC); a bad one is a 400. */
public final class Timestamps {

    private Timestamps() {
    }

    /** @return {@code null} when the parameter is absent */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an RFC 3339 timestamp such as 2026-11-21T10:00:00Z, or a date");
        }
    }
}
