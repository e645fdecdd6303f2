-- post_viewer is written by every flush of the view counter and read by two queries; each of its indexes is work on
-- every view, so it keeps only what those queries need. The indexes go first, so that the collation change below
-- rebuilds only the primary key. (On a large table that rebuild holds an ACCESS EXCLUSIVE lock while it runs: flushes
-- and reads of post_viewer wait for it.)

-- "Recently viewed by me" only ever asks for signed-in readers (user:<name>), and a reader's rows are few enough to
-- sort: the index holds only their rows, and not last_seen, so a flush that moves a reader's last_seen updates the
-- row on its page (a HOT update) instead of writing to every index.
DROP INDEX post_viewer_recent;
-- The retention walks the primary key in batches (quarkus.coalesce.view-counter.viewers.retention-batch-size): no
-- index on last_seen to keep up to date on every view.
DROP INDEX post_viewer_last_seen;

-- Viewers are keyed hashes and principal names, not words: compared byte by byte, the primary key the flush searches
-- for every pair costs a memcmp per comparison instead of a locale-aware one.
ALTER TABLE post_viewer ALTER COLUMN viewer TYPE text COLLATE "C";

CREATE INDEX post_viewer_signed_in ON post_viewer (viewer) WHERE viewer LIKE 'user:%';

-- Room on each page for the new version of an updated row, so that updates can stay on their page.
ALTER TABLE post_viewer SET (fillfactor = 90);
