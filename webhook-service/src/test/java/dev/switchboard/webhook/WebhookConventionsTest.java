package dev.switchboard.webhook;

import dev.switchboard.localstack.ServiceConventionsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookConventionsTest extends ServiceConventionsContract {

    @Override
    protected String protectedPath() {
        return "/api/webhooks";
    }
}
