package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Usage counts and recent calls live in the service's database, not in one replica's memory: what this replica
 * counted is written there, where a restarted replica finds it, and what other replicas wrote there is counted here.
 */
@QuarkusTest
class ToolUsageTest {

    @Inject
    AgroalDataSource database;

    private String serverId;

    /** @return the name of a new connected server, which {@link #removeServer} removes */
    private String connectAServer(String prefix) {
        String name = uniqueName(prefix);
        serverId = createServer(stdioEverything(name));
        awaitState(serverId, "connected");
        return name;
    }

    @AfterEach
    void removeServer() {
        if (serverId != null) {
            deleteServer(serverId);
        }
    }

    @Test
    void writesItsCallsWhereOtherReplicasAndARestartReadThem() throws SQLException {
        String name = connectAServer("counted");
        for (int call = 0; call < 2; call++) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"arguments\":{\"message\":\"count me\"}}").post("/api/tools/{name}/invoke", name + "__echo")
                    .then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> storedCalls(UUID.fromString(serverId), "echo") == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedRecentCalls(UUID.fromString(serverId)) == 2);
    }

    @Test
    void showsTheRecentCallsThatAnotherReplicaMadeInTheMonitor() throws SQLException {
        String name = connectAServer("shared-recent");
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO recent_calls VALUES ('another-replicas-tenant', 'another-key', now(), ?, ?, 'get-sum', 12, true, false)")) {
            insert.setObject(1, UUID.fromString(serverId));
            insert.setString(2, name);
            insert.executeUpdate();
        }

        given().auth().oauth2(TestTokens.admin()).get("/api/monitor").then().statusCode(200)
                .body("data.recentActivity.find { it.serverId == '" + serverId + "' }.tool", equalTo("get-sum"))
                .body("data.recentActivity.find { it.serverId == '" + serverId + "' }.durationMs", equalTo(12));
    }

    @Test
    void countsTheCallsThatAnotherReplicaRecorded() throws SQLException {
        String name = connectAServer("shared-count");
        String tenant = "another-replicas-tenant";
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tool_usage VALUES (?, ?, 'get-sum', 5, 1, 50, now())");
             PreparedStatement today = connection.prepareStatement("INSERT INTO tool_calls_by_day VALUES (?, ?, 5)")) {
            insert.setString(1, tenant);
            insert.setObject(2, UUID.fromString(serverId));
            insert.executeUpdate();
            today.setString(1, tenant);
            today.setObject(2, LocalDate.now(ZoneOffset.UTC));
            today.executeUpdate();
        }

        given().auth().oauth2(TestTokens.admin()).get("/api/tools?server=" + name + "&sortBy=usage&limit=1").then()
                .statusCode(200)
                .body("data.items[0].name", equalTo("get-sum"))
                .body("data.items[0].qualifiedName", equalTo(name + "__get-sum"))
                .body("data.items[0].usageCount", equalTo(5));
        given().auth().oauth2(TestTokens.forRole("manager", tenant)).get("/api/monitor").then().statusCode(200)
                .body("data.overview.requestsToday", equalTo(5));
    }

    @Test
    void keepsTheNewestTwoHundredCallsOfATenant() throws SQLException {
        String name = connectAServer("trimmed");
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO recent_calls SELECT '', 'another-key', "
                     + "now() - make_interval(mins => n), ?, ?, 'echo', 1, true, false FROM generate_series(1, 250) n")) {
            insert.setObject(1, UUID.fromString(serverId));
            insert.setString(2, name);
            insert.executeUpdate();
        }

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"arguments\":{\"message\":\"newest\"}}").post("/api/tools/{name}/invoke", name + "__echo")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedRecentCallsOfTenant("") == 200);
        given().auth().oauth2(TestTokens.admin()).get("/api/monitor").then().statusCode(200)
                .body("data.recentActivity[0].serverId", equalTo(serverId));
    }

    private long storedRecentCallsOfTenant(String tenant) throws SQLException {
        return count("SELECT count(*) FROM recent_calls WHERE tenant_id = ?", tenant);
    }

    private long storedRecentCalls(UUID server) throws SQLException {
        return count("SELECT count(*) FROM recent_calls WHERE server_id = ?", server);
    }

    private long storedCalls(UUID server, String tool) throws SQLException {
        return count("SELECT coalesce(sum(calls), 0) FROM tool_usage WHERE server_id = ? AND tool = ?", server, tool);
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
