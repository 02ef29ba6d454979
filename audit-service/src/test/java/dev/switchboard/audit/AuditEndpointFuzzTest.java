package dev.switchboard.audit;

import dev.switchboard.testsupport.EndpointFuzzContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditEndpointFuzzTest extends EndpointFuzzContract {
}
