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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;

import org.jboss.logging.Logger;

/**
 * Chunks that could not be written at shutdown, one per line: {@code flushId id:count id:count … #crc}, where the
 * CRC-32 of what precedes {@code " #"} detects a damaged or truncated line. A chunk of the viewer relation is
 * {@code flushId P id:count:firstMicros:lastMicros:viewer … #crc}, the stored (already hashed) viewer URL-encoded,
 * {@code -} for none. Keeping the flush id means a chunk that did
 * commit before the failure is still applied only once after the replay.
 * <p>
 * Reading takes the file away (it is deleted, or renamed to {@code <file>.corrupt} when some line is damaged), so
 * that a chunk is never replayed by two starts; a damaged line is logged and skipped, the others are replayed.
 * <p>
 * Internal: not part of the public API.
 */
public final class SpillFile {

    private static final Logger LOG = Logger.getLogger(SpillFile.class);

    private final Path path;

    /** @param path where the chunks go */
    public SpillFile(Path path) {
        this.path = path;
    }

    /** @return where the chunks go */
    public Path path() {
        return path;
    }

    /**
     * Appends the chunks, through a temporary file and a move so that a crash never leaves half a line.
     *
     * @param chunks what could not be written
     */
    public void write(Collection<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (Chunk chunk : chunks) {
            StringBuilder line = new StringBuilder().append(chunk.flushId());
            if (chunk.pairs() != null) {
                line.append(" P");
            }
            for (int i = 0; i < chunk.ids().length; i++) {
                line.append(' ').append(chunk.ids()[i]).append(':').append(chunk.counts()[i]);
                if (chunk.pairs() != null) {
                    String viewer = chunk.pairs().viewers()[i];
                    line.append(':').append(chunk.pairs().firstMicros()[i]).append(':')
                            .append(chunk.pairs().lastMicros()[i]).append(':')
                            .append(viewer == null ? "-" : URLEncoder.encode(viewer, StandardCharsets.UTF_8));
                }
            }
            text.append(line).append(" #").append(crc(line)).append('\n');
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

    /**
     * Reads the chunks and takes the file away: from then on they live in memory like any unwritten chunk.
     *
     * @return the intact chunks, each flush id once; empty when there is no file
     */
    public List<Chunk> takeAll() {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<Chunk> chunks = new ArrayList<>();
        List<Integer> damaged = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1).trim();
                if (line.isEmpty()) {
                    continue;
                }
                Chunk chunk = parse(line);
                if (chunk == null) {
                    damaged.add(number);
                } else if (seen.add(chunk.flushId())) {
                    chunks.add(chunk);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf("View counter spill file %s cannot be read, nothing replayed from it: %s", path, e);
            moveAside();
            return List.of();
        }
        if (damaged.isEmpty()) {
            delete();
        } else {
            Path aside = moveAside();
            LOG.errorf("View counter spill file %s: line(s) %s damaged, their views are lost; the other %d chunk(s)"
                    + " are replayed; the file is kept as %s", path, damaged, chunks.size(), aside);
        }
        return chunks;
    }

    /**
     * @param line one line of the file
     * @return its chunk, or {@code null} when the line is damaged (bad checksum, syntax, numbers or order)
     */
    static Chunk parse(String line) {
        int hash = line.lastIndexOf(" #");
        if (hash < 0 || !line.substring(hash + 2).equals(crc(line.substring(0, hash)))) {
            return null;
        }
        String[] parts = line.substring(0, hash).split(" ");
        if (parts.length < 2) {
            return null;
        }
        if (parts[1].equals("P")) {
            return pairChunk(parts);
        }
        try {
            long[] ids = new long[parts.length - 1];
            long[] counts = new long[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                ids[i - 1] = Long.parseLong(parts[i].substring(0, colon));
                counts[i - 1] = Long.parseLong(parts[i].substring(colon + 1));
                if (i > 1 && ids[i - 1] <= ids[i - 2]) {
                    return null; // chunks are written with ascending ids; anything else was not written by us
                }
            }
            return new Chunk(UUID.fromString(parts[0]), ids, counts);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the viewer relation chunk of a {@code P} line, or {@code null} when it is damaged */
    private static Chunk pairChunk(String[] parts) {
        try {
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
            return size == 0 ? null
                    : new Chunk(UUID.fromString(parts[0]), ids, counts, new ViewerPairs.Columns(viewers, first, last));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String crc(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private void delete() {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the replayed view counter spill file " + path
                    + ": delete it, or its views are counted again at the next start", e);
        }
    }

    private Path moveAside() {
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt");
        try {
            Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not move the damaged view counter spill file " + path + " aside", e);
        }
    }
}
