package dev.switchboard.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every endpoint a service documents in its OpenAPI: malformed, {@code null}, oversized and deeply
 * nested bodies, NUL characters and odd values in paths and parameters. Whatever the input, the answer is a clear
 * 4xx problem, never a 5xx, and never a stack trace or a Java class name. Each service's tests extend it once.
 */
public abstract class EndpointFuzzContract {

    private static final Pattern LEAK = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|jakarta\\.|io\\.quarkus|"
            + "org\\.(hibernate|postgresql|jboss)|dev\\.switchboard");
    private static final List<String> BODIES = List.of("null", "[]", "\"text\"", "42", "{", "{\"a\":", "{}",
            "{\"name\":null}", "{\"name\":\"\\u0000\"}", "[".repeat(2_000) + "]".repeat(2_000),
            "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500));
    private static final List<String> PATH_VALUES = List.of(UUID.randomUUID().toString(), "not-a-uuid", "%00", "..%2F..",
            "x".repeat(600), "%C3%28", "*");
    private static final List<String> QUERY_VALUES = List.of("%00", "-1", "999999999999999999999", "x".repeat(5_000),
            "%C3%28", "a%00b", "");

    private static final RestAssuredConfig WITH_TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 5_000));

    /** A token that may call every endpoint, so that bad input gets past authentication and reaches the code. */
    protected String adminToken() {
        return TestTokens.admin();
    }

    @Test
    void answersBadInputOnEveryDocumentedEndpointWithAClearClientError() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Operation operation : operations()) {
            for (String pathValue : PATH_VALUES) {
                requests++;
                check(operation, send(operation, pathValue, Map.of(), operation.hasBody() ? "{}" : null), failures);
            }
            for (String parameter : operation.queryParameters()) {
                for (String value : QUERY_VALUES) {
                    requests++;
                    check(operation, send(operation, UUID.randomUUID().toString(), Map.of(parameter, value), null), failures);
                }
            }
            if (operation.hasBody() || !operation.method().equals("get")) {
                for (String body : BODIES) {
                    requests++;
                    check(operation, send(operation, UUID.randomUUID().toString(), Map.of(), body), failures);
                }
                requests++;
                check(operation, send(operation, UUID.randomUUID().toString(), Map.of(),
                        "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), failures);
            }
        }
        assertTrue(requests > 50, "the OpenAPI document lists the endpoints: " + requests + " requests");
        assertEquals(List.of(), failures);
    }

    @Test
    void refusesANulCharacterInAQueryParameterWithA400() {
        Operation listing = operations().stream().filter(operation -> operation.method().equals("get")
                        && !operation.queryParameters().isEmpty() && !operation.path().contains("{"))
                .findFirst().orElseThrow();
        Response response = send(listing, "", Map.of(listing.queryParameters().get(0), "a%00b"), null);
        assertEquals(400, response.statusCode(), listing + " " + response.asString());
        assertEquals("VALIDATION_ERROR", response.jsonPath().getString("code"));
    }

    @Test
    void stopsAChunkedBodyOverTheLimitWithA413Problem() throws Exception {
        Operation writing = operations().stream().filter(Operation::hasBody).findFirst()
                .orElseGet(() -> operations().get(0));
        byte[] opening = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        RestAssured.baseURI + ":" + RestAssured.port
                                + writing.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString())))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(writing.hasBody() ? writing.method().toUpperCase(Locale.ROOT) : "POST",
                        HttpRequest.BodyPublishers
                        .ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                                Stream.concat(Stream.of(opening),
                                                Collections.nCopies(40, chunk).stream())
                                        .map(ByteArrayInputStream::new).toList()))))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        int expected = writing.hasBody() ? 413 : 405;
        assertEquals(expected, response.statusCode(), writing + " " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains(writing.hasBody() ? "PAYLOAD_TOO_LARGE" : "METHOD_NOT_ALLOWED"), response.body());
    }

    @Test
    void countsNoExceptionClassNamesInItsMetrics() {
        answersBadInputOnEveryDocumentedEndpointWithAClearClientError();
        String metrics = given().baseUri(managementBase()).get("/metrics").then().extract().asString();
        assertFalse(Pattern.compile("=\"[^\"]*(Exception|[a-z]+\\.[a-z]+\\.[A-Za-z.]+Error)\"").matcher(metrics).find(),
                "metric labels name an exception class");
    }

    /** The management interface's root ({@code /q}), where metrics and the OpenAPI document are served. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    private String managementBase() {
        return management.toString().replaceAll("/$", "");
    }

    private Response send(Operation operation, String pathValue, Map<String, String> query, String body) {
        RequestSpecification request = given().config(WITH_TIMEOUTS).urlEncodingEnabled(false).auth().oauth2(adminToken());
        StringBuilder queryString = new StringBuilder();
        query.forEach((name, value) -> queryString.append(queryString.isEmpty() ? "?" : "&").append(name).append('=').append(value));
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        String path = operation.path().replaceAll("\\{[^}]+}", pathValue) + queryString;
        return request.request(operation.method().toUpperCase(Locale.ROOT), path);
    }

    private static void check(Operation operation, Response response, List<String> failures) {
        String body = response.asString();
        if (response.statusCode() >= 500 && response.statusCode() != 503) {
            failures.add(operation + " answered " + response.statusCode() + ": " + abbreviate(body));
        } else if (LEAK.matcher(body).find() && !operation.path().startsWith("/q/")) {
            failures.add(operation + " leaked internals: " + abbreviate(body));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** One documented operation: its method, path template and query parameters. */
    protected record Operation(String method, String path, List<String> queryParameters, boolean hasBody) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    protected List<Operation> operations() {
        Map<String, Map<String, Object>> paths = given().baseUri(managementBase()).accept("application/json").get("/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.forEach((method, definition) -> {
            if (!(definition instanceof Map<?, ?> details) || path.startsWith("/q/") || streams(details)) {
                return;
            }
            List<String> query = new ArrayList<>();
            Object parameters = details.get("parameters");
            if (parameters instanceof List<?> list) {
                for (Object parameter : list) {
                    Map<String, Object> described = (Map<String, Object>) parameter;
                    if ("query".equals(described.get("in"))) {
                        query.add(String.valueOf(described.get("name")));
                    }
                }
            }
            operations.add(new Operation(method, path, List.copyOf(query), details.containsKey("requestBody")));
        }));
        return operations;
    }

    /** A Server-Sent Events stream stays open by design; its bad input is checked where it is tested. */
    private static boolean streams(Map<?, ?> operation) {
        return String.valueOf(operation.get("responses")).contains("text/event-stream");
    }

}
