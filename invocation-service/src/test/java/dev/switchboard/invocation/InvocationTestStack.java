package dev.switchboard.invocation;

import dev.switchboard.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Gives every test of this module the real PostgreSQL database {@code invocation} and the real broker, started once. */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "invocation"))
public final class InvocationTestStack {

    private InvocationTestStack() {
    }
}
