package dev.switchboard.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransientFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("database connection lost", new SQLException("I/O error", "08006"), true),
                Arguments.of("database shutting down", new SQLException("terminating", "57P01"), true),
                Arguments.of("too many connections", new SQLException("too many clients", "53300"), true),
                Arguments.of("serialization failure", new SQLException("could not serialize", "40001"), true),
                Arguments.of("pool exhausted", new SQLException("Sorry, acquisition timeout!"), true),
                Arguments.of("broker away, wrapped", new IllegalStateException(new ExecutionException(new TimeoutException("t"))), true),
                Arguments.of("refused connection", new RuntimeException(new ConnectException("refused")), true),
                Arguments.of("a dependency said so", new DependencyUnavailableException("registry down", null), true),
                Arguments.of("bad data in a row", new IllegalStateException(new SQLException("unsupported Unicode escape", "22P05")), false),
                Arguments.of("unique violation", new SQLException("duplicate key", "23505"), false),
                Arguments.of("record too large", new RecordTooLargeException("too large"), false),
                Arguments.of("a bug", new NullPointerException(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void tellsInfrastructureFailuresFromFailuresOfTheRecord(String what, Throwable failure, boolean expected) {
        assertEquals(expected, TransientFailures.isTransient(failure));
    }
}
