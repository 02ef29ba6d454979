package dev.switchboard.invocation.repository;

import dev.switchboard.platform.events.EncodedEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Events that a stopping replica handed over for another to send: see {@code V6__handed_off_events.sql}. */
@ApplicationScoped
public class HandedOffEventRepository {

    private final AgroalDataSource dataSource;

    public HandedOffEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the events in one transaction: all of them or, when it fails, none. */
    public void store(List<EncodedEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO handed_off_events (topic, event_key, value) VALUES (?, ?, ?)")) {
                for (EncodedEvent event : events) {
                    insert.setString(1, event.topic());
                    insert.setString(2, event.key());
                    insert.setString(3, event.value());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Claims up to {@code limit} of the oldest events no other replica is taking over, offers each to {@code taker}
     * in order until it declines one, and deletes those it took, in one transaction.
     *
     * @return how many it took
     */
    public int takeOver(int limit, Predicate<EncodedEvent> taker) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> taken = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement("SELECT id, topic, event_key, value "
                        + "FROM handed_off_events ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    claim.setInt(1, limit);
                    try (ResultSet rows = claim.executeQuery()) {
                        while (rows.next()) {
                            if (!taker.test(new EncodedEvent(rows.getString(2), rows.getString(3), rows.getString(4)))) {
                                break;
                            }
                            taken.add(rows.getLong(1));
                        }
                    }
                }
                if (!taken.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM handed_off_events WHERE id = ANY (?)")) {
                        delete.setArray(1, connection.createArrayOf("bigint", taken.toArray()));
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                return taken.size();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
