package dev.switchboard.registry;

import dev.switchboard.localstack.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistryEndpointFuzzTest extends EndpointFuzzContract {
}
