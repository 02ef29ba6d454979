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
}
