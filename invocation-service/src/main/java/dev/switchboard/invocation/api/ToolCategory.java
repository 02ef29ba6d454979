package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A server category and how many of the caller's tools it holds. */
@RegisterForReflection
public record ToolCategory(String name, long count) {
}
