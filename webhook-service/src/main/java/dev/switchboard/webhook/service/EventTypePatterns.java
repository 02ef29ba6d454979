package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventType;
import java.util.Arrays;

/** Subscription filters over event type names: an exact name, a prefix such as {@code server.*}, or {@code *}. */
public final class EventTypePatterns {

    private EventTypePatterns() {
    }

    public static boolean matches(String[] patterns, String type) {
        return Arrays.stream(patterns).anyMatch(pattern -> EventType.matches(pattern, type));
    }

    /** Whether a pattern can ever match a known type, so that a typo is refused at subscription time. */
    public static boolean isUseful(String pattern) {
        return Arrays.stream(EventType.values()).anyMatch(type -> EventType.matches(pattern, type.typeName()));
    }
}
