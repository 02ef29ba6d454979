package dev.switchboard.invocation;

import dev.switchboard.localstack.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvocationConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/monitor";
    }
}
