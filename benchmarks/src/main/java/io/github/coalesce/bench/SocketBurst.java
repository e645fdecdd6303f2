package io.github.coalesce.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * GET requests on connections opened beforehand and released together, so that a burst reaches the server within a
 * millisecond or two. A client per request (its own selector thread, its connection set up inside the measure)
 * spreads a burst of hundreds over a second on 2 cores, longer than the flight it is meant to collide in, and times
 * the client's own start-up as the server's latency.
 */
final class SocketBurst {

    /**
     * One answer: the status, the value of a header asked for (or null), the body's bytes, the latency and when it
     * ended ({@link System#nanoTime()}, to compare answers of one burst).
     */
    record Answer(int status, String header, byte[] body, double millis, long endNanos) {
    }

    private SocketBurst() {
    }

    /**
     * @param targets one URI per request (the same one repeated for a herd)
     * @param header the response header whose value each answer keeps, e.g. {@code Cache-Status}
     * @return the answers, in the order of {@code targets}
     */
    static List<Answer> get(List<URI> targets, String header) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI target : targets) {
                Socket socket = new Socket(target.getHost(), target.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                sockets.add(socket);
            }
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                Socket socket = sockets.get(i);
                byte[] request = request(targets.get(i));
                answers.add(threads.submit(() -> {
                    release.await();
                    return exchange(socket, request, header);
                }));
            }
            release.countDown();
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                result.add(answer.get(60, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static byte[] request(URI target) {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Answer exchange(Socket socket, byte[] request, String header) {
        try {
            long start = System.nanoTime();
            socket.getOutputStream().write(request);
            byte[] response = readAll(socket.getInputStream());
            long end = System.nanoTime();
            double millis = (end - start) / 1e6;
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
                throw new IllegalStateException("not an HTTP/1.1 response: " + text.substring(0,
                        Math.min(200, text.length())));
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String value = null;
            String wanted = header.toLowerCase(Locale.ROOT) + ":";
            for (String line : text.substring(0, headEnd).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                    value = line.substring(wanted.length()).trim();
                }
            }
            byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
            return new Answer(status, value, body, millis, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int read; (read = in.read(buffer)) >= 0;) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
