package dev.switchboard.invocation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Steps shared by the tests that run the packaged invocation service as its own process. */
public final class PackagedInvocation {

    private PackagedInvocation() {
    }

    /** Waits until the process reports the server connected. */
    public static void awaitConnected(ServiceProcess invocation, String serverId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "connected".equals(given().baseUri(invocation.url())
                .auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", serverId).then().extract().path("data.state")));
    }

    /** The {@code message} argument that a {@code tool.invoked} event carries when arguments are included. */
    public static String argumentMessage(String event) {
        try {
            return TestJson.MAPPER.readTree(event).path("data").path("arguments").path("message").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
