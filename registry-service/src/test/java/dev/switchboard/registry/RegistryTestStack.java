package dev.switchboard.registry;

import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Gives every test of this module the real PostgreSQL database {@code registry} and the real broker, started once. */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "registry"))
public final class RegistryTestStack {

    private RegistryTestStack() {
    }
}
