package dev.switchboard.model.api;

import java.util.List;

/** A collection's {@code data}: one page of items with the total count and the page that was asked for. */
public record PageResult<T>(List<T> items, long total, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public PageResult {
        items = List.copyOf(items);
    }
}
