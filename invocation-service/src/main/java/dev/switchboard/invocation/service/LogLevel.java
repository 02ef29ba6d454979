package dev.switchboard.invocation.service;

import java.util.Locale;
import java.util.Optional;

/** The severities of MCP logging (those of syslog, RFC 5424), least severe first. */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    /** The level a protocol message names, in the protocol's lower case; empty for anything else. */
    public static Optional<LogLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (LogLevel level : values()) {
            if (level.wire().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(LogLevel threshold) {
        return compareTo(threshold) >= 0;
    }
}
