package io.github.coalesce.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The leader's response stream: every byte goes to the client as it is written, and a copy is kept for the
 * followers until it grows past the limit (then the copy is dropped and the leader's response goes on unchanged).
 * <p>
 * Internal: not part of the public API.
 */
public final class ResponseTee extends OutputStream {

    private final OutputStream client;
    private final long limit;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private volatile boolean closed;
    private volatile boolean tooLarge;

    /**
     * @param client the stream to the leader's client
     * @param limit the largest body copied
     */
    public ResponseTee(OutputStream client, long limit) {
        this.client = client;
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        client.write(b);
        keep(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        client.write(bytes, offset, length);
        keep(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        client.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        client.close();
    }

    private void keep(byte[] bytes, int offset, int length) {
        if (copy == null) {
            return;
        }
        if (copy.size() + (long) length > limit) {
            copy = null;
            tooLarge = true;
            return;
        }
        copy.write(bytes, offset, length);
    }

    /** @return whether the writer finished the body */
    public boolean complete() {
        return closed;
    }

    /** @return the body written, or {@code null} when it was larger than the limit */
    public byte[] body() {
        ByteArrayOutputStream kept = copy;
        return tooLarge || kept == null ? null : kept.toByteArray();
    }
}
