package dev.switchboard.invocation;

import dev.switchboard.testsupport.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvocationEndpointFuzzTest extends EndpointFuzzContract {
}
