package dev.switchboard.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationMechanismTest {

    @Test
    void leavesABearerValueShapedLikeAJwtToTheJwtMechanism() {
        assertNull(ApiKeyAuthenticationMechanism.bearerKey("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl"));
        assertNull(ApiKeyAuthenticationMechanism.bearerKey("bearer a.b.c"));
    }

    @Test
    void takesABearerValueWithMoreOrFewerThanTwoDotsAsAKey() {
        assertEquals("FAELIP4QFYcrNQt3oYGdKLqnGUPj_KRocaS9JE9Zl7w",
                ApiKeyAuthenticationMechanism.bearerKey("Bearer FAELIP4QFYcrNQt3oYGdKLqnGUPj_KRocaS9JE9Zl7w"));
        assertEquals("key.with.three.dots", ApiKeyAuthenticationMechanism.bearerKey("Bearer key.with.three.dots"));
        assertEquals("one.dot", ApiKeyAuthenticationMechanism.bearerKey("Bearer  one.dot "));
    }

    @Test
    void ignoresAnAuthorizationThatIsNotABearerValue() {
        assertNull(ApiKeyAuthenticationMechanism.bearerKey(null));
        assertNull(ApiKeyAuthenticationMechanism.bearerKey("Basic dXNlcjpwYXNz"));
        assertNull(ApiKeyAuthenticationMechanism.bearerKey("Bearer    "));
    }
}
