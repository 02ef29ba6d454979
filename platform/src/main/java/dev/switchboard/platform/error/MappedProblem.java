package dev.switchboard.platform.error;

import dev.switchboard.model.api.Problem;
import java.util.Map;

/** A problem body with the headers that go with it, ready to be written as {@code application/problem+json}. */
public record MappedProblem(Problem problem, Map<String, String> headers, boolean isBug) {
}
