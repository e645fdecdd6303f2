package io.github.coalesce.runtime.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Chunks that could not be written at shutdown, one per line: {@code flushId id:count id:count …}. Keeping the flush
 * id means a chunk that did commit before the failure is still applied only once after the replay.
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
            for (int i = 0; i < chunk.ids().length; i++) {
                text.append(' ').append(chunk.ids()[i]).append(':').append(chunk.counts()[i]);
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
}
