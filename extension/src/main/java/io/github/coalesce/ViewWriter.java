package io.github.coalesce;

import java.util.UUID;

/**
 * Where a {@link ViewCounter} writes, for plain-Java use with another store than the built-in JDBC one (or none, in a
 * benchmark). The counter calls it on a virtual thread, at most {@code maxConcurrentFlushes} at once; an
 * implementation applies a batch in one transaction and records its flush id in it, so that a retried batch that had
 * in fact committed is not applied twice.
 */
@FunctionalInterface
public interface ViewWriter {

    /**
     * Up to {@code batchSize} increments, ids ascending, each id once; with a
     * {@linkplain ViewCounterBuilder#viewerRelation(ViewerRelation) viewer relation}, one entry per (id, viewer) pair
     * instead, ids ascending and repeated once per viewer.
     */
    interface Batch {

        /** @return the id that stays with the batch through retries and the spill file */
        UUID flushId();

        /** @return the ids, ascending (so concurrent batches lock rows in the same order) */
        long[] ids();

        /** @return the views to add to each id, index for index with {@link #ids()} */
        long[] counts();

        /**
         * @return with a viewer relation, the stored (hashed) viewer of each entry, index for index with
         *         {@link #ids()}, {@code null} where a view had no viewer; without one, {@code null}
         */
        default String[] viewers() {
            return null;
        }
    }

    /**
     * What a committed write did.
     *
     * @param alreadyApplied whether the batch's flush id was applied before, so nothing was changed
     * @param rows how many rows were updated
     * @param missingIds ids of the batch that matched no row: their views are dropped, not retried
     */
    record Written(boolean alreadyApplied, int rows, long[] missingIds) {

        /**
         * @param batch a batch written in full
         * @return the result of writing every id of {@code batch}, one row each
         */
        public static Written all(Batch batch) {
            return new Written(false, batch.ids().length, new long[0]);
        }
    }

    /**
     * Applies the batch unless its flush id was applied before.
     *
     * @param batch the increments
     * @return what was written
     * @throws Exception when the transaction did not commit (or its outcome is unknown): the batch is retried as is
     */
    Written write(Batch batch) throws Exception;
}
