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

    /**
     * Whether a key with {@code outer} patterns may hand out a key with {@code inner} ones: every tool the inner
     * patterns allow, the outer ones allow too. No outer pattern allows everything; no inner pattern asks for
     * everything, which only an unrestricted outer set can give.
     */
    public static boolean covers(List<String> outer, List<String> inner) {
        if (outer.isEmpty()) {
            return true;
        }
        return !inner.isEmpty() && inner.stream().allMatch(wanted -> outer.stream().anyMatch(given -> covers(given, wanted)));
    }

    /**
     * Whether every text that {@code inner} matches is matched by {@code outer}, by reading {@code inner} as text in
     * which its {@code *} can only be matched by a {@code *} of {@code outer} and its {@code ?} by a {@code ?} or
     * {@code *}. Dynamic programming over both patterns, so never exponential.
     */
    static boolean covers(String outer, String inner) {
        boolean[][] matches = new boolean[outer.length() + 1][inner.length() + 1];
        matches[outer.length()][inner.length()] = true;
        for (int o = outer.length() - 1; o >= 0; o--) {
            char token = outer.charAt(o);
            for (int i = inner.length(); i >= 0; i--) {
                if (token == '*') {
                    matches[o][i] = matches[o + 1][i] || (i < inner.length() && matches[o][i + 1]);
                } else if (i < inner.length() && inner.charAt(i) != '*'
                        && (token == '?' ? true : token == inner.charAt(i) && inner.charAt(i) != '?')) {
                    matches[o][i] = matches[o + 1][i + 1];
                }
            }
        }
        return matches[0][0];
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
