package dev.switchboard.platform.error;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body stream that fails with the 413 problem once more than {@code limit} bytes have been read from it. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0) {
            count(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            count(count);
        }
        return count;
    }

    @Override
    public long skip(long bytes) throws IOException {
        long skipped = super.skip(bytes);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    private void count(long bytes) {
        read += bytes;
        if (read > limit) {
            throw RequestSizeLimit.tooLarge(limit);
        }
    }
}
