package dev.switchboard.registry;

import dev.switchboard.testsupport.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryEndpointFuzzTest extends EndpointFuzzContract {
}
