-- Who viewed what (quarkus.coalesce.view-counter.viewers.*): written only by the view counter's flush, in the same
-- statement per chunk as post.views, so the count, the relation, the unique viewers and the daily buckets agree.

-- Distinct viewers per post, kept by the same statement: reading it is one column, not a count over post_viewer.
ALTER TABLE post ADD COLUMN unique_viewers bigint NOT NULL DEFAULT 0;

-- One row per (post, viewer). The viewer is 'h:' + HMAC-SHA-256(secret, address or principal), never a raw address;
-- 'user:<name>' only for signed-in readers, because the app opts in (store-principals) for "recently viewed".
-- last_counted is the view the database-side cooldown measures from.
CREATE TABLE post_viewer (
    post_id      bigint      NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    viewer       text        NOT NULL,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    last_counted timestamptz NOT NULL,
    views        bigint      NOT NULL,
    PRIMARY KEY (post_id, viewer)
);
-- "Recently viewed by me", newest first.
CREATE INDEX post_viewer_recent ON post_viewer (viewer, last_seen DESC);
-- The retention deletes by last_seen in bounded batches.
CREATE INDEX post_viewer_last_seen ON post_viewer (last_seen);

-- Views per post and UTC calendar day (viewers.time-zone=UTC), for "Trending this week" and the sparklines.
CREATE TABLE post_views_daily (
    post_id bigint NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    day     date   NOT NULL,
    views   bigint NOT NULL,
    PRIMARY KEY (post_id, day)
);
CREATE INDEX post_views_daily_day ON post_views_daily (day);
