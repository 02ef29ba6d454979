package dev.switchboard.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import dev.switchboard.testsupport.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/servers";
    }

    @Override
    protected List<String> collectionPaths() {
        return List.of("/api/servers", "/api/groups", "/api/keys", "/api/tenants");
    }

    @Test
    void documentsItsOwnApiInOpenApi() {
        given().accept("application/json").get(operations("openapi")).then().statusCode(200)
                .body("paths", hasKey("/auth/token"))
                .body("paths", hasKey("/api/keys"))
                .body("paths", hasKey("/api/tenants/{id}"))
                .body("paths", hasKey("/api/servers/{id}/restore"))
                .body("paths", hasKey("/api/servers/export"))
                .body("paths", hasKey("/api/groups/{id}/servers"))
                .body("paths", hasKey("/api/templates/{id}/instantiate"))
                .body("paths", hasKey("/api/favorites/{toolName}"))
                .body("paths", hasKey("/internal/servers/{id}"));
    }
}
