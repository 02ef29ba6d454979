package dev.switchboard.webhook;

import dev.switchboard.localstack.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookEndpointFuzzTest extends EndpointFuzzContract {
}
