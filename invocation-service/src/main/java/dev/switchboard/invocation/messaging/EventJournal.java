package dev.switchboard.invocation.messaging;

import dev.switchboard.platform.events.EncodedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Events on local disk, first in first out, that outlive the process. When {@link #append} returns, the event is in
 * the kernel's page cache: SIGKILL, an out-of-memory kill or a JVM crash loses nothing, and the next process on the
 * same directory sends what was not acknowledged. A flush to the disk per call would cost a disk write per call, so
 * appends are flushed together by {@link #sync}, which the owner calls every so often: a crash of the whole machine
 * loses at most what came since the last one.
 *
 * <p>Several processes may share a directory: each takes the first free {@code slot-N} (an OS file lock, released
 * however the process ends), so a restarted process takes over the slot its predecessor left. In a slot, events go
 * to numbered segment files; a checkpoint file holds the position up to which the broker acknowledged them, and a
 * segment is deleted once everything in it is acknowledged. Each entry carries a CRC, so an entry torn by a crash
 * is cut off when the slot is opened again.
 *
 * <p>One thread appends or many; one thread reads ({@link #read}, {@link #acknowledge}, {@link #rewind}).
 */
public final class EventJournal implements AutoCloseable {

    /** Where an entry ends: reading resumes, and acknowledging covers everything, up to there. */
    public record Position(long segment, long offset) {
    }

    public record Entry(EncodedEvent event, Position end) {
    }

    static final int MAX_SLOTS = 64;
    private static final int HEADER_BYTES = 8;
    private static final long MIN_SEGMENT_BYTES = 4 * 1024;
    private static final long MAX_SEGMENT_BYTES = 16 * 1024 * 1024;
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{19})\\.journal");

    private final Path slot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel checkpoint;
    private final long maxBytes;
    private final long segmentBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition appended = writeLock.newCondition();
    private final TreeMap<Long, Long> segmentSizes = new TreeMap<>();
    private final AtomicLong pending = new AtomicLong();

    // Guarded by writeLock.
    private long storedBytes;
    private long writeSegment;
    private long writeOffset;
    private FileChannel writer;
    private boolean closed;
    private boolean unsynced;

    // Used by the reading thread only.
    private Position acknowledged;
    private Position readFrom;
    private FileChannel reader;
    private long readerSegment = -1;
    private ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

    private EventJournal(Path slot, FileChannel lockChannel, FileLock lock, long maxBytes) throws IOException {
        this.slot = slot;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.maxBytes = maxBytes;
        // Acknowledged events stay on disk until their whole segment is acknowledged, so segments are a small part
        // of the limit: at least seven eighths of it hold events that wait.
        this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 8));
        this.checkpoint = FileChannel.open(slot.resolve("checkpoint"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        recover();
    }

    /**
     * Opens the first free slot under {@code directory}, creating it if needed, and finds what its last owner left
     * unacknowledged.
     *
     * @param maxBytes the most the slot may hold; {@link #append} refuses events beyond it
     */
    public static EventJournal open(Path directory, long maxBytes) {
        try {
            Files.createDirectories(directory);
            for (int n = 0; n < MAX_SLOTS; n++) {
                Path slot = directory.resolve("slot-" + n);
                Files.createDirectories(slot);
                FileChannel lockChannel = FileChannel.open(slot.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockChannel);
                if (lock == null) {
                    lockChannel.close();
                    continue;
                }
                try {
                    return new EventJournal(slot, lockChannel, lock, maxBytes);
                } catch (IOException | RuntimeException e) {
                    lock.release();
                    lockChannel.close();
                    throw e;
                }
            }
            throw new IllegalStateException("All " + MAX_SLOTS + " event journal slots in " + directory
                    + " are held by running processes");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the event journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    public Path slot() {
        return slot;
    }

    /** Events appended and not yet acknowledged, those a previous process left included. */
    public long pending() {
        return pending.get();
    }

    /**
     * Stores an event behind all others.
     *
     * @return {@code false} if it would take the journal past its size, or it could not be written
     */
    public boolean append(EncodedEvent event) {
        byte[] entry = encode(event);
        writeLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The event journal is closed");
            }
            if (storedBytes + entry.length > maxBytes) {
                return false;
            }
            if (writeOffset > 0 && writeOffset + entry.length > segmentBytes) {
                startSegment(writeSegment + 1);
            }
            ByteBuffer buffer = ByteBuffer.wrap(entry);
            while (buffer.hasRemaining()) {
                writeOffset += writer.write(buffer, writeOffset);
            }
            storedBytes += entry.length;
            segmentSizes.put(writeSegment, writeOffset);
            unsynced = true;
            pending.incrementAndGet();
            appended.signal();
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Flushes what was appended since the last call to the disk itself (fdatasync), without holding up appends while
     * the disk works. A segment is flushed before it is closed, so one that a concurrent append closed needs nothing.
     */
    public void sync() {
        FileChannel channel;
        writeLock.lock();
        try {
            if (closed || !unsynced) {
                return;
            }
            unsynced = false;
            channel = writer;
        } finally {
            writeLock.unlock();
        }
        try {
            channel.force(false);
        } catch (ClosedChannelException flushedWhenClosed) {
            // startSegment flushed it before closing it
        } catch (IOException e) {
            writeLock.lock();
            try {
                unsynced = true;
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * The next events after those already read, at most {@code max}, waiting up to {@code wait} for one if there
     * is none.
     */
    public List<Entry> read(int max, Duration wait) throws InterruptedException {
        List<Entry> entries = new ArrayList<>();
        while (entries.isEmpty()) {
            Position end = readableEnd();
            if (readFrom.offset() < end.offset() || readFrom.segment() < end.segment()) {
                if (readFrom.offset() >= segmentLength(readFrom.segment())) {
                    readFrom = new Position(nextSegment(readFrom.segment()), 0);
                    continue;
                }
                readEntries(entries, max, readFrom.segment() == end.segment() ? end.offset()
                        : segmentLength(readFrom.segment()));
            } else if (!awaitAppend(end, wait)) {
                break;
            }
        }
        return entries;
    }

    /** Everything up to {@code end} reached the broker: it is never read again, here or after a restart. */
    public void acknowledge(Position end, int events) {
        acknowledged = end;
        pending.addAndGet(-events);
        ByteBuffer position = ByteBuffer.allocate(16).putLong(end.segment()).putLong(end.offset()).flip();
        try {
            while (position.hasRemaining()) {
                checkpoint.write(position, position.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the event journal's checkpoint in " + slot, e);
        }
        deleteSegmentsBefore(end.segment());
    }

    /** Reads again from the last acknowledged event, after a send that failed. */
    public void rewind() {
        readFrom = acknowledged;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
            closeQuietly(writer);
            closeQuietly(reader);
            closeQuietly(checkpoint);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(slot)) {
            files.forEach(file -> {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    segmentSizes.put(Long.parseLong(name.group(1)), size(file));
                }
            });
        }
        Position start = readCheckpoint();
        if (segmentSizes.isEmpty() || start.segment() < segmentSizes.firstKey()) {
            start = new Position(segmentSizes.isEmpty() ? 1 : segmentSizes.firstKey(), 0);
        }
        acknowledged = start;
        readFrom = start;
        deleteSegmentsBefore(start.segment());
        for (long segment : List.copyOf(segmentSizes.keySet())) {
            long from = segment == start.segment() ? start.offset() : 0;
            long validEnd = countValidEntries(segment, from);
            if (validEnd == 0) {
                Files.delete(segmentPath(segment));
                segmentSizes.remove(segment);
            } else if (validEnd < segmentSizes.get(segment)) {
                try (FileChannel torn = FileChannel.open(segmentPath(segment), StandardOpenOption.WRITE)) {
                    torn.truncate(validEnd);
                }
                segmentSizes.put(segment, validEnd);
            }
        }
        storedBytes = segmentSizes.values().stream().mapToLong(Long::longValue).sum();
        startSegment(segmentSizes.isEmpty() ? start.segment() : segmentSizes.lastKey() + 1);
    }

    private Position readCheckpoint() throws IOException {
        ByteBuffer position = ByteBuffer.allocate(16);
        while (position.hasRemaining() && checkpoint.read(position, position.position()) > 0) {
            // Reads the two longs, written together.
        }
        if (position.hasRemaining()) {
            return new Position(0, 0);
        }
        position.flip();
        return new Position(position.getLong(), position.getLong());
    }

    /** Counts the whole entries from {@code from} and returns where the last one ends. */
    private long countValidEntries(long segment, long from) throws IOException {
        long offset = from;
        try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.READ)) {
            long length = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (offset + HEADER_BYTES <= length) {
                header.clear();
                readFully(channel, header, offset);
                int payloadLength = header.getInt(0);
                if (payloadLength <= 0 || offset + HEADER_BYTES + payloadLength > length) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(payloadLength);
                readFully(channel, payload, offset + HEADER_BYTES);
                if (crc(payload.array(), 0, payloadLength) != header.getInt(4)) {
                    break;
                }
                offset += HEADER_BYTES + payloadLength;
                pending.incrementAndGet();
            }
        }
        return offset;
    }

    private void startSegment(long segment) throws IOException {
        if (writer != null) {
            writer.force(false);
        }
        closeQuietly(writer);
        writer = FileChannel.open(segmentPath(segment), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writeSegment = segment;
        writeOffset = writer.size();
        segmentSizes.put(segment, writeOffset);
    }

    private Position readableEnd() {
        writeLock.lock();
        try {
            return new Position(writeSegment, writeOffset);
        } finally {
            writeLock.unlock();
        }
    }

    private long segmentLength(long segment) {
        writeLock.lock();
        try {
            return segment == writeSegment ? writeOffset : segmentSizes.getOrDefault(segment, 0L);
        } finally {
            writeLock.unlock();
        }
    }

    private long nextSegment(long segment) {
        writeLock.lock();
        try {
            Long next = segmentSizes.higherKey(segment);
            return next == null ? writeSegment : next;
        } finally {
            writeLock.unlock();
        }
    }

    private boolean awaitAppend(Position seen, Duration wait) throws InterruptedException {
        writeLock.lock();
        try {
            long nanos = wait.toNanos();
            while (writeSegment == seen.segment() && writeOffset == seen.offset() && !closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = appended.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            writeLock.unlock();
        }
    }

    private void readEntries(List<Entry> entries, int max, long limit) {
        long segment = readFrom.segment();
        long offset = readFrom.offset();
        try {
            FileChannel channel = readerFor(segment);
            readBuffer.clear().limit((int) Math.min(readBuffer.capacity(), limit - offset));
            readFully(channel, readBuffer, offset);
            readBuffer.flip();
            while (entries.size() < max && readBuffer.remaining() >= HEADER_BYTES) {
                int start = readBuffer.position();
                int payloadLength = readBuffer.getInt(start);
                if (payloadLength > readBuffer.capacity() - HEADER_BYTES) {
                    readBuffer = ByteBuffer.allocate(payloadLength + HEADER_BYTES);
                    break;
                }
                if (readBuffer.remaining() < HEADER_BYTES + payloadLength) {
                    break;
                }
                EncodedEvent event = decode(readBuffer.array(), start + HEADER_BYTES, payloadLength);
                readBuffer.position(start + HEADER_BYTES + payloadLength);
                offset += HEADER_BYTES + payloadLength;
                entries.add(new Entry(event, new Position(segment, offset)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event journal in " + slot, e);
        }
        readFrom = new Position(segment, offset);
    }

    private FileChannel readerFor(long segment) throws IOException {
        if (segment != readerSegment) {
            closeQuietly(reader);
            reader = FileChannel.open(segmentPath(segment), StandardOpenOption.READ);
            readerSegment = segment;
        }
        return reader;
    }

    private void deleteSegmentsBefore(long segment) {
        writeLock.lock();
        try {
            while (!segmentSizes.isEmpty() && segmentSizes.firstKey() < segment) {
                long oldest = segmentSizes.firstKey();
                storedBytes -= segmentSizes.remove(oldest);
                if (oldest == readerSegment) {
                    closeQuietly(reader);
                    readerSegment = -1;
                }
                Files.deleteIfExists(segmentPath(oldest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete an acknowledged segment in " + slot, e);
        } finally {
            writeLock.unlock();
        }
    }

    private Path segmentPath(long segment) {
        return slot.resolve(String.format("segment-%019d.journal", segment));
    }

    /** An entry: payload length, CRC-32C of the payload, then topic, key (length -1 when absent) and value. */
    static byte[] encode(EncodedEvent event) {
        byte[] topic = event.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = event.value().getBytes(StandardCharsets.UTF_8);
        int payloadLength = 4 + topic.length + 4 + (key == null ? 0 : key.length) + value.length;
        ByteBuffer entry = ByteBuffer.allocate(HEADER_BYTES + payloadLength);
        entry.putInt(payloadLength).putInt(0);
        entry.putInt(topic.length).put(topic);
        if (key == null) {
            entry.putInt(-1);
        } else {
            entry.putInt(key.length).put(key);
        }
        entry.put(value);
        byte[] bytes = entry.array();
        entry.putInt(4, crc(bytes, HEADER_BYTES, payloadLength));
        return bytes;
    }

    private static EncodedEvent decode(byte[] bytes, int offset, int length) {
        ByteBuffer payload = ByteBuffer.wrap(bytes, offset, length);
        byte[] topic = new byte[payload.getInt()];
        payload.get(topic);
        int keyLength = payload.getInt();
        String key = null;
        if (keyLength >= 0) {
            byte[] keyBytes = new byte[keyLength];
            payload.get(keyBytes);
            key = new String(keyBytes, StandardCharsets.UTF_8);
        }
        String value = new String(bytes, payload.position(), offset + length - payload.position(), StandardCharsets.UTF_8);
        return new EncodedEvent(new String(topic, StandardCharsets.UTF_8), key, value);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a file we only read or appended to; nothing is lost if it fails.
            }
        }
    }
}
