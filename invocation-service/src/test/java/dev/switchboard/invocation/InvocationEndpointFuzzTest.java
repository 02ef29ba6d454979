package dev.switchboard.invocation;

import dev.switchboard.localstack.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvocationEndpointFuzzTest extends EndpointFuzzContract {
}
