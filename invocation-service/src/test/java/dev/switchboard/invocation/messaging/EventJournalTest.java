package dev.switchboard.invocation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.platform.events.EncodedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    private static final long ROOMY = 64L * 1024 * 1024;
    private static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    Path directory;

    @Test
    void readsEventsInTheOrderTheyWereAppendedAndNotAgainOnceAcknowledged() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            appendAll(journal, "a", "b", "c");
            List<EventJournal.Entry> read = journal.read(10, NO_WAIT);
            assertEquals(List.of("a", "b", "c"), values(read));
            assertEquals("tool.invocations", read.get(0).event().topic());
            assertEquals("subject-a", read.get(0).event().key());
            journal.acknowledge(read.get(2).end(), 3);
            assertEquals(0, journal.pending());
            assertTrue(journal.read(10, NO_WAIT).isEmpty());
        }
        try (EventJournal reopened = EventJournal.open(directory, ROOMY)) {
            assertEquals(0, reopened.pending());
            assertTrue(reopened.read(10, NO_WAIT).isEmpty());
        }
    }

    @Test
    void aProcessThatTakesOverTheSlotReadsWhatItsPredecessorDidNotAcknowledge() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            appendAll(journal, "sent", "waiting-1", "waiting-2");
            List<EventJournal.Entry> first = journal.read(1, NO_WAIT);
            journal.acknowledge(first.get(0).end(), 1);
            journal.read(10, NO_WAIT);
        }
        try (EventJournal next = EventJournal.open(directory, ROOMY)) {
            assertEquals(2, next.pending());
            List<EventJournal.Entry> left = next.read(10, NO_WAIT);
            assertEquals(List.of("waiting-1", "waiting-2"), values(left));
            appendAll(next, "after restart");
            assertEquals(List.of("after restart"), values(next.read(10, NO_WAIT)));
        }
    }

    @Test
    void keepsKeylessEventsAndTextBeyondAscii() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            journal.append(new EncodedEvent("tenants", null, "{\"name\":\"Zürich ✓\"}"));
            EncodedEvent read = journal.read(1, NO_WAIT).get(0).event();
            assertEquals(new EncodedEvent("tenants", null, "{\"name\":\"Zürich ✓\"}"), read);
        }
    }

    @Test
    void cutsOffAnEntryTornByACrashAndGoesOnAfterIt() throws Exception {
        Path slot = slotLeftWith("whole-1", "whole-2");
        Path segment = segments(slot).get(segments(slot).size() - 1);
        byte[] torn = EventJournal.encode(event("torn"));
        Files.write(segment, Arrays.copyOf(torn, torn.length - 5), StandardOpenOption.APPEND);

        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            assertEquals(2, journal.pending());
            appendAll(journal, "after");
            assertEquals(List.of("whole-1", "whole-2", "after"), values(readAll(journal)));
        }
    }

    @Test
    void ignoresAnEntryWhoseBytesWereDamaged() throws Exception {
        Path slot = slotLeftWith("good", "damaged");
        Path segment = segments(slot).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(segment, bytes);

        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            assertEquals(List.of("good"), values(readAll(journal)));
        }
    }

    @Test
    void readsAgainFromTheLastAcknowledgedEventAfterARewind() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            appendAll(journal, "a", "b", "c");
            List<EventJournal.Entry> read = journal.read(10, NO_WAIT);
            journal.acknowledge(read.get(0).end(), 1);
            journal.rewind();
            assertEquals(List.of("b", "c"), values(journal.read(10, NO_WAIT)));
        }
    }

    @Test
    void refusesEventsBeyondItsSizeAndTakesThemAgainOnceSent() throws Exception {
        long maxBytes = 64 * 1024;
        try (EventJournal journal = EventJournal.open(directory, maxBytes)) {
            int accepted = 0;
            while (journal.append(event("filler " + accepted))) {
                accepted++;
            }
            assertTrue(accepted > 100, "accepted " + accepted);
            assertTrue(accepted * (long) EventJournal.encode(event("filler 0")).length <= maxBytes);
            List<EventJournal.Entry> all = readAll(journal);
            assertEquals(accepted, all.size());
            journal.acknowledge(all.get(all.size() - 1).end(), all.size());
            assertTrue(journal.append(event("room again")));
            assertEquals(List.of("room again"), values(journal.read(10, NO_WAIT)));
        }
    }

    @Test
    void deletesSegmentsOnceEverythingInThemIsAcknowledged() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, 64 * 1024)) {
            for (int i = 0; i < 600; i++) {
                assertTrue(journal.append(event("event " + i)));
            }
            assertTrue(segments(journal.slot()).size() > 2, "the events fill several segments");
            List<EventJournal.Entry> all = readAll(journal);
            journal.acknowledge(all.get(all.size() - 1).end(), all.size());
            assertTrue(segments(journal.slot()).size() <= 1, "only the segment being written is left");
        }
    }

    @Test
    void flushesWhileEventsAreAppendedAcrossSegmentsAndLosesNoneOfThem() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, 64 * 1024)) {
            CompletableFuture<Void> syncing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    journal.sync();
                }
            });
            for (int i = 0; i < 600; i++) {
                assertTrue(journal.append(event("event " + i)));
            }
            syncing.get(60, TimeUnit.SECONDS);
            journal.sync();
            assertTrue(segments(journal.slot()).size() > 2, "the events fill several segments");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                expected.add("event " + i);
            }
            assertEquals(expected, values(readAll(journal)));
        }
    }

    @Test
    void givesEachProcessOnADirectoryItsOwnSlot() throws Exception {
        try (EventJournal first = EventJournal.open(directory, ROOMY);
             EventJournal second = EventJournal.open(directory, ROOMY)) {
            assertNotEquals(first.slot(), second.slot());
            appendAll(first, "first's");
            assertTrue(second.read(10, NO_WAIT).isEmpty());
        }
    }

    @Test
    void aWaitingReadWakesForAnAppend() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            CompletableFuture<List<EventJournal.Entry>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return journal.read(10, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            appendAll(journal, "wake up");
            assertEquals(List.of("wake up"), values(waiting.get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    void anEmptyJournalAnswersAReadWithNothingOnceTheWaitIsOver() throws Exception {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            assertTrue(journal.read(10, Duration.ofMillis(20)).isEmpty());
            assertFalse(journal.pending() > 0);
        }
    }

    private static EncodedEvent event(String value) {
        return new EncodedEvent("tool.invocations", "subject-" + value, value);
    }

    /** The slot a process left with these events unsent. */
    private Path slotLeftWith(String... values) {
        try (EventJournal journal = EventJournal.open(directory, ROOMY)) {
            appendAll(journal, values);
            return journal.slot();
        }
    }

    private static void appendAll(EventJournal journal, String... values) {
        for (String value : values) {
            assertTrue(journal.append(event(value)));
        }
    }

    private static List<EventJournal.Entry> readAll(EventJournal journal) throws InterruptedException {
        List<EventJournal.Entry> all = new ArrayList<>();
        for (List<EventJournal.Entry> batch = journal.read(50, NO_WAIT); !batch.isEmpty(); batch = journal.read(50, NO_WAIT)) {
            all.addAll(batch);
        }
        return all;
    }

    private static List<String> values(List<EventJournal.Entry> entries) {
        return entries.stream().map(entry -> entry.event().value()).toList();
    }

    private static List<Path> segments(Path slot) throws IOException {
        try (Stream<Path> files = Files.list(slot)) {
            return files.filter(file -> file.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }
}
