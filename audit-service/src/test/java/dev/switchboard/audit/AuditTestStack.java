package dev.switchboard.audit;

import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Gives every test of this module the real PostgreSQL database {@code audit} and the real broker, started once. */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "audit"))
public final class AuditTestStack {

    private AuditTestStack() {
    }
}
