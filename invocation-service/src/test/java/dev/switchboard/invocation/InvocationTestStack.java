package dev.switchboard.invocation;

import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Gives every test of this module the real PostgreSQL database {@code invocation}, the real broker and the real
 * registry beside it, started once.
 */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "invocation"))
@WithTestResource(value = RegistryTestResource.class, scope = TestResourceScope.GLOBAL)
public final class InvocationTestStack {

    private InvocationTestStack() {
    }
}
