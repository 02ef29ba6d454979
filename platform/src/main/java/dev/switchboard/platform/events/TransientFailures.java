package dev.switchboard.platform.events;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of the infrastructure (the database or the broker is away, busy or restarting), which waiting
 * cures, from a failure caused by the record at hand, which no retry cures and which must be parked instead.
 */
public final class TransientFailures {

    /** SQLSTATE classes and codes of PostgreSQL that mean "try again later", not "this row is wrong". */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DependencyUnavailableException || cause instanceof RetriableException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientSqlState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSqlState(SQLException failure) {
        String state = failure.getSQLState();
        if (state == null) {
            // Agroal's "acquisition timeout" when every connection is taken or none can be opened.
            return failure.getMessage() != null && failure.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        return TRANSIENT_SQL_STATES.contains(state) || (state.length() >= 2
                && TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)));
    }
}
