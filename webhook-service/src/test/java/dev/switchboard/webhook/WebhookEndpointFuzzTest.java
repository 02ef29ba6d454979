package dev.switchboard.webhook;

import dev.switchboard.testsupport.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebhookEndpointFuzzTest extends EndpointFuzzContract {
}
