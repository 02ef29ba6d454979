package dev.switchboard.platform.error;

import dev.switchboard.model.api.ErrorCode;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Holds a body that declared no length (chunked) to {@code switchboard.http.max-body-bytes} while it is read, so
 * that it meets the same 413 problem as a body that declared too large a length up front.
 */
@Singleton
@Provider
public class ChunkedBodyLimit implements ReaderInterceptor {

    private final BodyLimit limit;

    public ChunkedBodyLimit(BodyLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream(), limit.maxBodyBytes()));
        return context.proceed();
    }

    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
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

        private void count(int bytes) {
            read += bytes;
            if (read > limit) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is over the limit of " + limit + " bytes");
            }
        }
    }
}
