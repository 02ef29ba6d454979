package dev.switchboard.registry;

import dev.switchboard.localstack.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/servers/any-server/status";
    }
}
