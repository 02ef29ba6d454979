package dev.switchboard.invocation.service;

import dev.switchboard.platform.error.ApiException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one rule for a name that several servers may answer to (a tool, a prompt, a server's own name): none is 404,
 * one is the answer, and several are 409 naming each, so that the caller can pick one rather than get a guess.
 */
final class OneOffer {

    private OneOffer() {
    }

    /**
     * @param kind  what the name names, as the problem says it ({@code tool}, {@code prompt}, {@code server})
     * @param label how the problem names a candidate, in a form the caller can send back
     * @param pick  how to pick one, as the problem tells the caller
     */
    static <T> T among(List<T> candidates, String kind, String name, Function<T, String> label, String pick) {
        if (candidates.isEmpty()) {
            throw ApiException.notFound(kind, name);
        }
        if (candidates.size() > 1) {
            throw ApiException.conflict(kind + " " + name + " is ambiguous: "
                    + candidates.stream().map(label).sorted().collect(Collectors.joining(", ")) + "; " + pick);
        }
        return candidates.get(0);
    }
}
