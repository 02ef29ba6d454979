package dev.switchboard.audit;

import dev.switchboard.localstack.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/audit/any-event";
    }
}
