package dev.switchboard.platform.security;

import java.util.List;

/**
 * A key's tool patterns (DESIGN §4): globs over {@code <server name>/<tool name>} in which {@code *} stands for any
 * run of characters, {@code /} included, and {@code ?} for one character. No pattern at all allows every tool.
 */
public final class ToolPatterns {

    private ToolPatterns() {
    }

    public static boolean allows(List<String> patterns, String serverName, String toolName) {
        if (patterns.isEmpty()) {
            return true;
        }
        String qualified = serverName + "/" + toolName;
        return patterns.stream().anyMatch(pattern -> matches(pattern, qualified));
    }

    /** Iterative glob matching with one backtrack point: linear in practice and never exponential. */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
