package dev.switchboard.invocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import dev.switchboard.testsupport.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InvocationConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/monitor";
    }

    @Override
    protected List<String> collectionPaths() {
        return List.of("/api/tools");
    }

    @Test
    void documentsItsOwnApiInOpenApi() {
        given().accept("application/json").get(operations("openapi")).then().statusCode(200)
                .body("paths", hasKey("/api/monitor"));
    }
}
