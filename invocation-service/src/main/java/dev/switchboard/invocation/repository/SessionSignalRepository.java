package dev.switchboard.invocation.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The MCP session signals that every replica reads: see {@code V5__mcp_session_signals.sql}. */
@ApplicationScoped
public class SessionSignalRepository {

    public enum Kind { ENDED, CANCELLED, LEVEL }

    /** @param session the session id's fingerprint; @param value the request id or level, or null */
    public record Signal(String session, Kind kind, String value, Instant expiresAt) {
    }

    public record Stored(long id, Signal signal) {
    }

    private final AgroalDataSource dataSource;

    public SessionSignalRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(Signal signal) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO mcp_session_signals (session, kind, value, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, signal.session());
            insert.setString(2, signal.kind().name().toLowerCase(Locale.ROOT));
            insert.setString(3, signal.value());
            insert.setTimestamp(4, Timestamp.from(signal.expiresAt()));
            insert.executeUpdate();
        }
    }

    /** Unexpired signals after {@code id}, oldest first. */
    public List<Stored> after(long id, Instant now, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, session, kind, value, expires_at "
                     + "FROM mcp_session_signals WHERE id > ? AND expires_at > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, id);
            select.setTimestamp(2, Timestamp.from(now));
            select.setInt(3, limit);
            List<Stored> read = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read.add(new Stored(rows.getLong(1), new Signal(rows.getString(2),
                            Kind.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)), rows.getString(4),
                            rows.getTimestamp(5).toInstant())));
                }
            }
            return read;
        }
    }

    public int purgeExpired(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM mcp_session_signals WHERE expires_at <= ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            return delete.executeUpdate();
        }
    }
}
