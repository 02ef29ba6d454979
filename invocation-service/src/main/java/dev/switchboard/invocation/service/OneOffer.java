package dev.switchboard.invocation.service;

import dev.switchboard.platform.error.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one rule for a name that several servers may answer to (a tool, a prompt, a resource, a server's own name): none
 * is "not found", one is the answer, and several are refused naming each, so that the caller can pick one rather than
 * get a guess. REST says so with 404 and 409; {@code /mcp} with its JSON-RPC errors.
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
        return atMostOne(candidates, labels -> ApiException.conflict(kind + " " + name + " is ambiguous: " + labels + "; " + pick),
                label).orElseThrow(() -> ApiException.notFound(kind, name));
    }

    /** The same rule where "none" is the caller's to say; {@code several} gets the candidates' labels, sorted. */
    static <T> Optional<T> atMostOne(List<T> candidates, Function<String, ? extends RuntimeException> several,
                                     Function<T, String> label) {
        if (candidates.size() > 1) {
            throw several.apply(candidates.stream().map(label).sorted().collect(Collectors.joining(", ")));
        }
        return candidates.stream().findFirst();
    }
}
