package dev.switchboard.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolPatternsTest {

    @Test
    void allowsEveryToolWhenAKeyHasNoPatterns() {
        assertTrue(ToolPatterns.allows(List.of(), "github", "create_issue"));
    }

    @Test
    void matchesAWholeServer() {
        assertTrue(ToolPatterns.allows(List.of("github/*"), "github", "create_issue"));
        assertFalse(ToolPatterns.allows(List.of("github/*"), "gitlab", "create_issue"));
    }

    @Test
    void matchesAToolNameAcrossServers() {
        List<String> readers = List.of("*/read_*");
        assertTrue(ToolPatterns.allows(readers, "filesystem", "read_file"));
        assertTrue(ToolPatterns.allows(readers, "memory", "read_graph"));
        assertFalse(ToolPatterns.allows(readers, "filesystem", "write_file"));
    }

    @Test
    void needsTheWholeNameToMatch() {
        assertFalse(ToolPatterns.allows(List.of("github/create"), "github", "create_issue"));
        assertTrue(ToolPatterns.allows(List.of("github/create_issu?"), "github", "create_issue"));
        assertFalse(ToolPatterns.allows(List.of("github/create_issu?"), "github", "create_issues"));
    }

    @Test
    void allowsWhenAnyPatternMatches() {
        assertTrue(ToolPatterns.allows(List.of("slack/*", "everything/echo"), "everything", "echo"));
    }

    @Test
    void staysFastOnPathologicalPatterns() {
        String text = "a".repeat(5_000) + "/b";
        assertFalse(ToolPatterns.matches("*a*a*a*a*a*a*a*a*c", text));
    }

    @Test
    void aKeyWithoutPatternsMayHandOutAnyPatterns() {
        assertTrue(ToolPatterns.covers(List.of(), List.of()));
        assertTrue(ToolPatterns.covers(List.of(), List.of("github/*")));
    }

    @Test
    void aLimitedKeyMayOnlyHandOutNarrowerPatterns() {
        assertTrue(ToolPatterns.covers(List.of("github/*"), List.of("github/create_issue", "github/list_*")));
        assertTrue(ToolPatterns.covers(List.of("*/read_*"), List.of("filesystem/read_file", "*/read_?ext")));
        assertTrue(ToolPatterns.covers(List.of("github/*", "slack/*"), List.of("slack/post")));
        assertFalse(ToolPatterns.covers(List.of("github/*"), List.of()), "no patterns at all is every tool");
        assertFalse(ToolPatterns.covers(List.of("github/*"), List.of("*/*")));
        assertFalse(ToolPatterns.covers(List.of("github/*"), List.of("git*/*")));
        assertFalse(ToolPatterns.covers(List.of("github/create_?"), List.of("github/create_*")));
        assertFalse(ToolPatterns.covers(List.of("github/a?c"), List.of("github/a*c")));
        assertTrue(ToolPatterns.covers(List.of("github/a*c"), List.of("github/a?c")));
        assertFalse(ToolPatterns.covers(List.of("*/read_*"), List.of("*/write_*")));
    }
}
