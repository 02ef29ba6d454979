package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The latency of a filtered page query with a million events stored: fills one tenant with 1M rows (once; it is
 * kept between runs), then times GET /api/audit?action=tool.*&tool=…&limit=50 as that tenant's manager.
 */
public final class AuditQueryBench {

    private static final String TENANT = "bench-query";
    private static final int ROWS = 1_000_000;

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args.length > 0 ? args[0] : "500");
        String jdbc = BenchSupport.env("SWITCHBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:5432") + "/audit";
        String base = BenchSupport.env("SWITCHBOARD_AUDIT_URL", "http://127.0.0.1:8083");
        Path keys = Path.of(BenchSupport.env("SWITCHBOARD_KEYS", ".switchboard/keys"));
        fill(jdbc);

        String token = BenchSupport.token(keys, "manager", TENANT);
        HttpClient http = HttpClient.newHttpClient();
        String[] queries = {
                "/api/audit?action=tool.*&tool=tool-7&limit=50",
                "/api/audit?server=s-3&success=false&limit=50",
                "/api/audit?actor=key-11&limit=50&offset=100",
        };
        for (int i = 0; i < 50; i++) {
            send(http, base + queries[i % queries.length], token);
        }
        long[] samples = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            send(http, base + queries[i % queries.length], token);
            samples[i] = System.nanoTime() - start;
        }
        long[] sorted = BenchSupport.sorted(samples);
        System.out.printf("rows=%d requests=%d p50=%.1fms p95=%.1fms p99=%.1fms%n", ROWS, requests,
                BenchSupport.percentile(sorted, 0.50), BenchSupport.percentile(sorted, 0.95),
                BenchSupport.percentile(sorted, 0.99));
    }

    private static void send(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void fill(String jdbc) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbc, BenchSupport.env("SWITCHBOARD_DB_USER", "postgres"),
                BenchSupport.env("SWITCHBOARD_DB_PASSWORD", "postgres"))) {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE tenant_id = ?")) {
                count.setString(1, TENANT);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= ROWS) {
                        return;
                    }
                }
            }
            try (Statement fill = connection.createStatement()) {
                fill.execute("DELETE FROM audit_event WHERE tenant_id = '" + TENANT + "'");
                fill.execute("""
                        INSERT INTO audit_event (event_id, occurred_at, type, source, tenant_id, actor_id, resource_type,
                                                 resource_id, server_id, tool_name, success, duration_ms, envelope)
                        SELECT 'bench-' || n, now() - n * interval '1 second',
                               CASE WHEN n % 10 = 0 THEN 'tool.error' ELSE 'tool.invoked' END, '/bench', 'bench-query',
                               'key-' || (n % 50), 'tool', 's-' || (n % 20), 's-' || (n % 20), 'tool-' || (n % 100),
                               n % 10 <> 0, n % 500,
                               jsonb_build_object('specversion', '1.0', 'id', 'bench-' || n, 'type', 'tool.invoked',
                                                  'data', jsonb_build_object('tool', 'tool-' || (n % 100)))
                        FROM generate_series(1, 1000000) AS n
                        """);
                fill.execute("ANALYZE audit_event");
            }
        }
    }
}
