package io.github.coalesce.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Tees a leader's body: it streams to the leader's client exactly as it would, and a bounded copy is kept for the
 * followers. A follower's copy is sent whole, in one write, so that it carries its {@code Content-Length} instead of
 * being chunked. Other requests pass through untouched.
 * <p>
 * Internal: not part of the public API.
 */
public class CollapsingWriterInterceptor implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getProperty(CollapsingRequestFilter.LEADER) instanceof LeaderCapture leader) {
            context.setOutputStream(leader.tee(context.getOutputStream()));
        } else if (context.getProperty(CollapsingRequestFilter.ANSWERED) instanceof HttpServerResponse follower) {
            context.setOutputStream(new WholeBody(follower));
        }
        context.proceed();
    }

    /** Collects the follower's copy (already in memory) and ends the response with it. */
    private static final class WholeBody extends ByteArrayOutputStream {

        private final HttpServerResponse response;
        private boolean ended;

        WholeBody(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                response.end(Buffer.buffer(toByteArray()));
            }
        }
    }
}
