package dev.switchboard.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The role × tenant table of a service (DESIGN §4 and §6): for each endpoint, what each kind of caller gets. Callers
 * without credentials get 401, roles that may not act 403, and another tenant's manager 404, so that a resource's
 * existence does not leak. A caller that may act is sent a request the service must refuse for its content (an
 * empty body, an unknown id) wherever a real one would change something, so that the table changes nothing; 400 or
 * 404 then proves that it got past authorization. Every operation the service documents must have a row.
 */
public final class AccessMatrix {

    /** The kinds of caller. */
    public enum Who { NONE, ADMIN, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER }

    /** One endpoint, as called with a concrete path, and the status each caller gets. */
    public record Row(String method, String template, Supplier<String> path, String body, boolean stream,
                      Map<Who, Integer> expected) {

        public String operation() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    /** Builds a row: {@code path} may create what the call needs, for each caller afresh. */
    public static final class RowBuilder {
        private final String method;
        private final String template;
        private Supplier<String> path;
        private String body;
        private boolean stream;
        private final Map<Who, Integer> expected = new EnumMap<>(Who.class);

        private RowBuilder(String method, String template) {
            this.method = method;
            this.template = template;
            this.path = () -> template;
            expected.put(Who.NONE, 401);
        }

        public RowBuilder path(String concrete) {
            this.path = () -> concrete;
            return this;
        }

        public RowBuilder path(Supplier<String> concrete) {
            this.path = concrete;
            return this;
        }

        public RowBuilder body(String json) {
            this.body = json;
            return this;
        }

        /** An endpoint that answers with a stream that stays open: only its status is read. */
        public RowBuilder stream() {
            this.stream = true;
            return this;
        }

        public RowBuilder expect(int status, Who... callers) {
            for (Who caller : callers) {
                expected.put(caller, status);
            }
            return this;
        }

        public Row row() {
            Set<Who> missing = new TreeSet<>(Set.of(Who.values()));
            missing.removeAll(expected.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException(method + " " + template + " says nothing of " + missing);
            }
            return new Row(method, template, path, body, stream, Map.copyOf(expected));
        }
    }

    public static RowBuilder call(String method, String template) {
        return new RowBuilder(method, template);
    }

    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");

    private AccessMatrix() {
    }

    /** Calls every row as every caller, and returns what differed from the table, one line per difference. */
    public static List<String> differences(List<Row> rows, Map<Who, String> tokens) {
        List<String> differences = new ArrayList<>();
        for (Row row : rows) {
            row.expected().forEach((who, status) -> {
                String path = row.path().get();
                if (row.stream()) {
                    int answered = streamStatus(path, who == Who.NONE ? null : tokens.get(who));
                    if (answered != status) {
                        differences.add(row.operation() + " as " + who + ": expected " + status + ", got " + answered);
                    }
                    return;
                }
                RequestSpecification request = given();
                if (who != Who.NONE) {
                    request.auth().oauth2(tokens.get(who));
                }
                if (row.body() != null) {
                    request.contentType(row.method().equals("PATCH") ? "application/merge-patch+json" : "application/json")
                            .body(row.body());
                }
                Response response = request.request(row.method(), path);
                if (response.statusCode() != status) {
                    differences.add(row.operation() + " as " + who + ": expected " + status + ", got "
                            + response.statusCode() + " " + abbreviate(response.asString()));
                }
            });
        }
        return differences;
    }

    /** The operations of the OpenAPI document that no row covers. */
    public static List<String> uncovered(List<Row> rows, Map<String, Map<String, Object>> documentedPaths) {
        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.operation()));
        List<String> missing = new ArrayList<>();
        new LinkedHashMap<>(documentedPaths).forEach((path, methods) -> methods.keySet().stream()
                .filter(HTTP_METHODS::contains).forEach(method -> {
                    String operation = method.toUpperCase(Locale.ROOT) + " " + path;
                    if (!covered.contains(operation)) {
                        missing.add(operation);
                    }
                }));
        return missing;
    }

    private static int streamStatus(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
