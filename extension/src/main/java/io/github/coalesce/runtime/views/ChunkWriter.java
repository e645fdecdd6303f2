package io.github.coalesce.runtime.views;

/** Applies a chunk in one transaction. */
public interface ChunkWriter {

    /**
     * What a committed write did.
     *
     * @param relation what the viewer relation's part of the statement did, {@code null} for the plain counter
     */
    record Written(boolean alreadyApplied, int rows, long[] missingIds, ViewerChunkWriter.RelationWritten relation) {

        /** A write of the plain counter. */
        public Written(boolean alreadyApplied, int rows, long[] missingIds) {
            this(alreadyApplied, rows, missingIds, null);
        }
    }

    /**
     * Applies the chunk unless its flush id was applied before.
     *
     * @throws Exception when the transaction did not commit (or its outcome is unknown): the chunk is retried as is
     */
    Written write(Chunk chunk) throws Exception;
}
