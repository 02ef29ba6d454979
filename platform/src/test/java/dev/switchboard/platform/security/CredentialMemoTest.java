package dev.switchboard.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CredentialMemoTest {

    private static final long NOW = 1_800_000_000L;

    @Test
    void servesWhatWasKeptUntilTheCredentialExpires() {
        CredentialMemo<String> memo = new CredentialMemo<>(10);
        memo.put("token", "claims", NOW + 60, NOW);

        assertEquals("claims", memo.get("token", NOW));
        assertEquals("claims", memo.get("token", NOW + 59));
        assertNull(memo.get("token", NOW + 60), "kept no longer than the credential is valid");
        assertNull(memo.get("another token", NOW));
    }

    @Test
    void whenFullDropsTheExpiredFirst() {
        CredentialMemo<String> memo = new CredentialMemo<>(3);
        memo.put("expired", "a", NOW + 1, NOW);
        memo.put("live-1", "b", NOW + 100, NOW);
        memo.put("live-2", "c", NOW + 100, NOW);

        memo.put("new", "d", NOW + 100, NOW + 10);

        assertEquals(3, memo.size());
        assertEquals("b", memo.get("live-1", NOW + 10));
        assertEquals("d", memo.get("new", NOW + 10));
    }

    @Test
    void whenFullOfLiveEntriesStartsAgainRatherThanGrow() {
        CredentialMemo<String> memo = new CredentialMemo<>(2);
        memo.put("one", "a", NOW + 100, NOW);
        memo.put("two", "b", NOW + 100, NOW);

        memo.put("three", "c", NOW + 100, NOW);

        assertEquals(1, memo.size());
        assertNull(memo.get("one", NOW));
        assertEquals("c", memo.get("three", NOW));
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new CredentialMemo<String>(0));
    }
}
