package dev.switchboard.webhook;

import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Gives every test of this module the real PostgreSQL database {@code webhook} and the real broker, started once. */
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "webhook"))
public final class WebhookTestStack {

    private WebhookTestStack() {
    }
}
