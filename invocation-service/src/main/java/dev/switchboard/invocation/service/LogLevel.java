package dev.switchboard.invocation.service;

import java.util.Arrays;
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

    /** The level a request names, or the invalid-params error that lists the levels there are. */
    public static LogLevel required(String name) {
        return parse(name).orElseThrow(() -> McpError.invalidParams("unknown level " + name + "; one of "
                + Arrays.stream(values()).map(LogLevel::wire).toList()));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(LogLevel threshold) {
        return compareTo(threshold) >= 0;
    }
}
