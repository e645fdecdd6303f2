package io.github.coalesce.runtime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill file on its own: what goes in comes back once, and a damaged file is handled, not replayed twice. */
class SpillFileTest {

    @TempDir
    Path dir;

    private final Chunk first = new Chunk(UUID.randomUUID(), new long[] { 1, 5, 9 }, new long[] { 3, 1, 120 });
    private final Chunk second = new Chunk(UUID.randomUUID(), new long[] { 2 }, new long[] { 7 });

    @Test
    void chunksComeBackAsTheyWentInAndOnlyOnce() {
        SpillFile spill = new SpillFile(dir.resolve("nested/views.spill"));
        spill.write(List.of(first));
        spill.write(List.of(second));

        List<Chunk> replayed = spill.takeAll();
        assertThat(replayed).hasSize(2);
        assertSame(replayed.get(0), first);
        assertSame(replayed.get(1), second);
        assertThat(spill.path()).doesNotExist();
        assertThat(spill.takeAll()).as("a second start replays nothing").isEmpty();
    }

    @Test
    void noFileMeansNothingToReplay() {
        assertThat(new SpillFile(dir.resolve("none.spill")).takeAll()).isEmpty();
    }

    @Test
    void aDamagedOrTruncatedLineIsSkippedTheRestReplayedAndTheFileKeptAside() throws Exception {
        Path path = dir.resolve("views.spill");
        SpillFile spill = new SpillFile(path);
        spill.write(List.of(first, second));
        List<String> lines = Files.readAllLines(path);
        String flipped = lines.get(0).replace(" 5:1 ", " 5:2 "); // one view more: the checksum no longer matches
        String truncated = lines.get(1).substring(0, lines.get(1).length() - 3);
        Files.writeString(path, flipped + "\n" + lines.get(1) + "\n" + truncated + "\n", StandardCharsets.UTF_8);

        List<Chunk> replayed = spill.takeAll();
        assertThat(replayed).as("only the intact line").hasSize(1);
        assertSame(replayed.get(0), second);
        assertThat(path).doesNotExist();
        assertThat(dir.resolve("views.spill.corrupt")).as("kept for a person to look at").exists();
        assertThat(spill.takeAll()).as("nothing replayed twice").isEmpty();
    }

    @Test
    void aLineWrittenTwiceIsReplayedOnce() throws Exception {
        Path path = dir.resolve("views.spill");
        SpillFile spill = new SpillFile(path);
        spill.write(List.of(first));
        String line = Files.readString(path);
        Files.writeString(path, line + line, StandardCharsets.UTF_8);

        assertThat(spill.takeAll()).hasSize(1);
    }

    @Test
    void aFileOfGarbageReplaysNothingAndIsKeptAside() throws Exception {
        Path path = dir.resolve("views.spill");
        Files.write(path, new byte[] { 0, 1, 2, (byte) 0xff, '\n', 'x', ' ', '#', '1' });

        assertThat(new SpillFile(path).takeAll()).isEmpty();
        assertThat(path).doesNotExist();
        assertThat(dir.resolve("views.spill.corrupt")).exists();
    }

    @Test
    void idsOutOfOrderAreNotAChunkThisCounterWrote() {
        Chunk unsorted = new Chunk(UUID.randomUUID(), new long[] { 5, 1 }, new long[] { 1, 1 });
        SpillFile spill = new SpillFile(dir.resolve("views.spill"));
        spill.write(List.of(unsorted));
        assertThat(spill.takeAll()).isEmpty();
    }

    private static void assertSame(Chunk actual, Chunk expected) {
        assertThat(actual.flushId()).isEqualTo(expected.flushId());
        assertThat(actual.ids()).containsExactly(expected.ids());
        assertThat(actual.counts()).containsExactly(expected.counts());
    }
}
