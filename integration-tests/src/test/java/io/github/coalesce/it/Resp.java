package io.github.coalesce.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Redis command over a socket (RESP2), for tests that act on Redis behind the applications' backs: find and delete
 * a lease, kill the pub/sub connections. Replies: a simple string, integer or bulk string as a String, an array as a
 * List, nil as null.
 */
final class Resp {

    private Resp() {
    }

    static Object command(int port, String... words) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Object reply(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+', ':' -> line;
            case '-' -> throw new IOException("Redis answered " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                String bulk = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line(in);
                yield bulk;
            }
            case '*' -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0, count = Integer.parseInt(line); i < count; i++) {
                    items.add(reply(in));
                }
                yield items;
            }
            default -> throw new IOException("not a RESP reply: " + (char) type + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\r';) {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
