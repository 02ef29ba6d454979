package dev.switchboard.webhook.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The new signing secret, shown this once; the previous one signs too until {@code previousSecretValidUntil}. */
@RegisterForReflection
public record RotatedSecret(String secret, Instant previousSecretValidUntil) {
}
