package io.github.coalesce.runtime.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Chunks that could not be written at shutdown, one per line: {@code flushId id:count id:count …}, or, for a chunk of
 * the viewer relation, {@code flushId P id:count:firstMicros:lastMicros:viewer …} with the stored (hashed) viewer
 * URL-encoded, {@code -} for none. Keeping the flush id means a chunk that did commit before the failure is still
 * applied only once after the replay.
 */
public final class SpillFile {

    private final Path path;

    public SpillFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Appends the chunks, through a temporary file and a move so that a crash never leaves half a line. */
    public void write(Collection<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (Chunk chunk : chunks) {
            text.append(chunk.flushId());
            if (chunk.pairs() != null) {
                text.append(" P");
            }
            for (int i = 0; i < chunk.ids().length; i++) {
                text.append(' ').append(chunk.ids()[i]).append(':').append(chunk.counts()[i]);
                if (chunk.pairs() != null) {
                    String viewer = chunk.pairs().viewers()[i];
                    text.append(':').append(chunk.pairs().firstMicros()[i]).append(':')
                            .append(chunk.pairs().lastMicros()[i]).append(':')
                            .append(viewer == null ? "-" : URLEncoder.encode(viewer, StandardCharsets.UTF_8));
                }
            }
            text.append('\n');
        }
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            String existing = Files.exists(path) ? Files.readString(path) : "";
            Files.writeString(temporary, existing + text, StandardCharsets.UTF_8);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the view counter spill file " + path, e);
        }
    }

    /** Reads the chunks and removes the file: from then on they live in memory like any unwritten chunk. */
    public List<Chunk> takeAll() {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            List<Chunk> chunks = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length < 2) {
                    continue;
                }
                if (parts[1].equals("P")) {
                    chunks.add(pairChunk(parts));
                    continue;
                }
                long[] ids = new long[parts.length - 1];
                long[] counts = new long[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    ids[i - 1] = Long.parseLong(parts[i].substring(0, colon));
                    counts[i - 1] = Long.parseLong(parts[i].substring(colon + 1));
                }
                chunks.add(new Chunk(UUID.fromString(parts[0]), ids, counts));
            }
            Files.delete(path);
            return chunks;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not read the view counter spill file " + path, e);
        }
    }

    private static Chunk pairChunk(String[] parts) {
        int size = parts.length - 2;
        long[] ids = new long[size];
        long[] counts = new long[size];
        String[] viewers = new String[size];
        long[] first = new long[size];
        long[] last = new long[size];
        for (int i = 0; i < size; i++) {
            String[] fields = parts[i + 2].split(":", 5);
            ids[i] = Long.parseLong(fields[0]);
            counts[i] = Long.parseLong(fields[1]);
            first[i] = Long.parseLong(fields[2]);
            last[i] = Long.parseLong(fields[3]);
            viewers[i] = fields[4].equals("-") ? null : URLDecoder.decode(fields[4], StandardCharsets.UTF_8);
        }
        return new Chunk(UUID.fromString(parts[0]), ids, counts, new ViewerPairs.Columns(viewers, first, last));
    }
}
