package dev.switchboard.audit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.audit.AuditRows;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditQueryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    AuditEventRepository repository;

    private String tenant;
    private String otherTenant;
    private String manager;
    private String intruder;

    @BeforeEach
    void storeAFewDaysOfEvents() {
        tenant = "t-" + UUID.randomUUID();
        otherTenant = "t-" + UUID.randomUUID();
        manager = TestTokens.forRole("manager", tenant);
        intruder = "mallory-" + UUID.randomUUID();
        store(List.of(
                AuditRows.invocation(tenant, "alice", "s1", "echo", true, 10, T0),
                AuditRows.invocation(tenant, "alice", "s1", "echo", true, 20, T0.plusSeconds(60)),
                AuditRows.invocation(tenant, "bob", "s1", "echo", false, 300, T0.plusSeconds(120)),
                AuditRows.invocation(tenant, "bob", "s2", "add", true, 5, T0.plusSeconds(86_400)),
                AuditRows.change(tenant, "alice", "server.created", "s1", "{\"name\":\"everything\"}", T0.minusSeconds(60)),
                AuditRows.change(tenant, "alice", "api_key.created", "k-9", "{\"name\":\"ci\"}", T0.minusSeconds(30)),
                AuditRows.invocation(otherTenant, intruder, "s1", "echo", true, 1, T0.plusSeconds(30))));
    }

    @Test
    void listsTheTenantsEventsNewestFirstWithPaging() {
        given().auth().oauth2(manager).get("/api/audit?limit=2&offset=1")
                .then().statusCode(200)
                .body("data.total", equalTo(6))
                .body("data.limit", equalTo(2))
                .body("data.offset", equalTo(1))
                .body("data.items.actorId", contains("bob", "alice"))
                .body("data.items.durationMs", contains(300, 20));
    }

    @Test
    void filtersByEachField() {
        assertTypes("action=server.*", "server.created");
        assertTypes("action=api_key.created", "api_key.created");
        assertCount("action=tool.*", 4);
        assertCount("actor=bob", 2);
        assertCount("resource=server", 1);
        assertCount("resource=k-9", 1);
        assertCount("server=s2", 1);
        assertCount("tool=echo", 3);
        assertCount("success=false", 1);
        assertCount("success=true&tool=echo", 2);
        assertCount("from=" + T0 + "&to=" + T0.plusSeconds(121), 3);
        assertCount("from=2026-03-02", 1);
    }

    @Test
    void neverShowsAnotherTenantsEventsToAManagerOrUser() {
        given().auth().oauth2(TestTokens.forRole("user", otherTenant)).get("/api/audit")
                .then().statusCode(200)
                .body("data.total", equalTo(1))
                .body("data.items.actorId", contains(intruder));
        given().auth().oauth2(manager).get("/api/audit?tenant=" + otherTenant)
                .then().statusCode(200).body("data.items.tenantId", everyItem(equalTo(tenant)));
        given().auth().oauth2(manager).get("/api/audit/export?format=csv")
                .then().statusCode(200).body(not(containsString(intruder)));
    }

    @Test
    void letsAnAdminSeeOneTenantOrAll() {
        given().auth().oauth2(TestTokens.admin()).get("/api/audit?tenant=" + otherTenant)
                .then().statusCode(200).body("data.total", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).get("/api/audit?actor=" + intruder)
                .then().statusCode(200).body("data.items.tenantId", hasSize(1));
    }

    @Test
    void refusesBadFiltersWithOneEntryEach() {
        given().auth().oauth2(manager).get("/api/audit?limit=0&success=maybe&action=DROP TABLE")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("action", "limit", "success"));
        given().auth().oauth2(manager).get("/api/audit?from=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(manager).get("/api/audit/export?format=xml")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void computesStatisticsOverTheRange() {
        Response stats = given().auth().oauth2(manager)
                .get("/api/audit/stats?from=" + T0.minusSeconds(3600) + "&to=" + T0.plusSeconds(2 * 86_400));
        stats.then().statusCode(200)
                .body("data.totalInvocations", equalTo(4))
                .body("data.errorRate", equalTo(0.25f))
                .body("data.topTools[0].tool", equalTo("echo"))
                .body("data.topTools[0].serverName", equalTo("srv-s1"))
                .body("data.topTools[0].invocations", equalTo(3))
                .body("data.topTools[0].errors", equalTo(1))
                .body("data.topTools[0].p50DurationMs", equalTo(20.0f))
                .body("data.topTools[0].p95DurationMs", equalTo(272.0f))
                .body("data.invocationsByDay.day", contains("2026-03-01", "2026-03-02"))
                .body("data.invocationsByDay.invocations", contains(3, 1));
    }

    @Test
    void listsOneToolsHistoryAndTheCallersRecentTools() {
        given().auth().oauth2(manager).get("/api/audit/tools/echo/history?limit=10")
                .then().statusCode(200)
                .body("data.total", equalTo(3))
                .body("data.items.tool", everyItem(equalTo("echo")));
        given().auth().oauth2(TestTokens.token("bob", "user", tenant, List.of())).get("/api/audit/recent")
                .then().statusCode(200)
                .body("data", contains("add", "echo"));
    }

    @Test
    void exportsCsvThatSpreadsheetsReadSafely() {
        store(List.of(AuditRows.change(tenant, "=HYPERLINK(\"http://evil\")", "group.created", "g-1",
                "{\"name\":\"a, \\\"quoted\\\"\\nname ünïcödé\",\"note\":\"@SUM(A1)\"}", T0.plusSeconds(5))));

        Response export = given().auth().oauth2(manager).get("/api/audit/export?format=csv&action=group.*");

        export.then().statusCode(200)
                .header("Content-Disposition", containsString("attachment; filename=\"audit-"))
                .contentType(containsString("text/csv"));
        String csv = export.asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,time,type,source,tenantId,actorId,resourceType,resourceId,serverId,tool,success,durationMs,data",
                lines[0]);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), csv);
        assertTrue(csv.contains("\"{\"\"name\"\":\"\"a, \\\"\"quoted\\\"\"\\nname ünïcödé\"\",\"\"note\"\":\"\"@SUM(A1)\"\"}\""), csv);
        assertEquals(2, lines.length, "header and one row; newlines inside cells stay quoted");
    }

    @Test
    void quotesCellsWithLineBreaksAndNeutralisesLeadingFormulaCharacters() {
        store(List.of(AuditRows.change(tenant, "+1\nline", "group.updated", "-2", "{}", T0.plusSeconds(6))));

        String csv = given().auth().oauth2(manager).get("/api/audit/export?format=csv&action=group.updated").asString();

        assertTrue(csv.contains(",\"'+1\nline\",group,'-2,"), csv);
    }

    @Test
    void exportsJsonAsOneArrayWithTheWholeEnvelopes() {
        given().auth().oauth2(manager).get("/api/audit/export?format=json&actor=alice")
                .then().statusCode(200)
                .header("Content-Disposition", containsString(".json\""))
                .body("$", hasSize(4))
                .body("event.actorid", everyItem(equalTo("alice")))
                .body("find { it.type == 'server.created' }.event.data.name", equalTo("everything"));
    }

    @Test
    void refusesAnAuditQueryWithoutAToken() {
        given().get("/api/audit").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        assertFalse(given().get("/api/audit/export").asString().contains("alice"));
    }

    private void assertCount(String query, int expected) {
        given().auth().oauth2(manager).get("/api/audit?" + query)
                .then().statusCode(200).body("data.total", equalTo(expected));
    }

    private void assertTypes(String query, String... types) {
        given().auth().oauth2(manager).get("/api/audit?" + query)
                .then().statusCode(200).body("data.items.type", contains(types));
    }

    private void store(List<AuditRow> rows) {
        QuarkusTransaction.requiringNew().run(() -> repository.insertIgnoringDuplicates(rows));
    }
}
