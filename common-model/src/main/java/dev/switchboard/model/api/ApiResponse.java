package dev.switchboard.model.api;

import java.time.Instant;

/** The success body of DESIGN §6: {@code {"success": true, "data": …, "timestamp": …}}. */
public record ApiResponse<T>(boolean success, T data, Instant timestamp) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data, Instant.now());
    }
}
