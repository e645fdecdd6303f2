package io.github.coalesce.it.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on 127.0.0.1 between the app and its PostgreSQL, for fault 2: it forwards as is, or {@link #delay} each
 * chunk of bytes by a fixed latency, or goes {@link #silent()}: every connection, open or new, stays open and forwards
 * nothing, and nothing is reset, as with a half-open connection or a dropped route. After {@link #heal()} new
 * connections forward again, but those that were open while silent stay dead for good, as after a NAT or firewall
 * forgot them: only a client that bounds its own reads ever leaves them.
 * <p>
 * Each connection is two virtual threads, one per direction; the mode is read for every chunk.
 */
final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile long delayMillis;
    private volatile boolean silent;

    private FaultProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        Thread.ofVirtual().name("fault-proxy-accept").start(this::accept);
    }

    static FaultProxy to(int targetPort) {
        try {
            return new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every chunk of bytes, in both directions, waits {@code millis} before it is forwarded. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Forwards nothing from now on, on every connection open or new, and resets none. */
    void silent() {
        silent = true;
        links.forEach(link -> link.dead.set(true));
    }

    /** New connections forward again, without latency; the ones open while silent stay dead. */
    void heal() {
        delayMillis = 0;
        silent = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, upstream);
                link.dead.set(silent);
                links.add(link);
                Thread.ofVirtual().start(() -> pump(link, client, upstream));
                Thread.ofVirtual().start(() -> pump(link, upstream, client));
            } catch (IOException e) {
                // closed, or the target is down: the client sees its connection close
            }
        }
    }

    private void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                if (link.dead.get() || silent) {
                    link.dead.set(true);
                    continue;
                }
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            link.close();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        links.forEach(Link::close);
    }

    private final class Link {
        final Socket client;
        final Socket upstream;
        /** Forwards nothing, for good. */
        final AtomicBoolean dead = new AtomicBoolean();

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            links.remove(this);
            try {
                client.close();
                upstream.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
