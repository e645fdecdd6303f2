package io.github.coalesce;

/**
 * What a counter's viewer relation has done since the counter started; all zero when the relation is off.
 *
 * @param pairsWritten (id, viewer) pairs written to the relation (one row each, inserted or updated)
 * @param rejectedByDatabaseCooldown views the database found within the cooldown of that viewer's last counted view
 *        of that id (counted by another instance, say), so not counted
 * @param uniqueViewersAdded new (id, viewer) rows, each one more unique viewer of its id
 * @param retentionDeleted relation rows and daily buckets deleted by the retention
 * @param pendingPairs distinct (id, viewer) pairs waiting for the next flush
 */
public record ViewerRelationStats(long pairsWritten, long rejectedByDatabaseCooldown, long uniqueViewersAdded,
        long retentionDeleted, int pendingPairs) {

    /** @return the numbers of a counter without the relation */
    public static ViewerRelationStats none() {
        return new ViewerRelationStats(0, 0, 0, 0, 0);
    }
}
