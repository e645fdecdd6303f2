package io.github.coalesce.runtime.views;

/** Applies a chunk in one transaction. */
public interface ChunkWriter {

    /** What a committed write did. */
    record Written(boolean alreadyApplied, int rows, long[] missingIds) {
    }

    /**
     * Applies the chunk unless its flush id was applied before.
     *
     * @throws Exception when the transaction did not commit (or its outcome is unknown): the chunk is retried as is
     */
    Written write(Chunk chunk) throws Exception;
}
