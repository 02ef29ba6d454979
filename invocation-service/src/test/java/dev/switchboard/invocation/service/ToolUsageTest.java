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
 * Usage counts live in the service's database, not in one replica's memory: what this replica counted is written
 * there, where a restarted replica finds it, and what other replicas wrote there is counted here.
 */
@QuarkusTest
class ToolUsageTest {

    @Inject
    AgroalDataSource database;

    private String serverId;

    @AfterEach
    void removeServer() {
        if (serverId != null) {
            deleteServer(serverId);
        }
    }

    @Test
    void writesItsCallsWhereOtherReplicasAndARestartReadThem() throws SQLException {
        String name = uniqueName("counted");
        serverId = createServer(stdioEverything(name));
        awaitState(serverId, "connected");
        for (int call = 0; call < 2; call++) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"arguments\":{\"message\":\"count me\"}}").post("/api/tools/{name}/invoke", name + "__echo")
                    .then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> storedCalls(UUID.fromString(serverId), "echo") == 2);
    }

    @Test
    void countsTheCallsThatAnotherReplicaRecorded() throws SQLException {
        String name = uniqueName("shared-count");
        serverId = createServer(stdioEverything(name));
        awaitState(serverId, "connected");
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

    private long storedCalls(UUID server, String tool) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT coalesce(sum(calls), 0) FROM tool_usage WHERE server_id = ? AND tool = ?")) {
            query.setObject(1, server);
            query.setString(2, tool);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
