-- Demo history, so that "Trending this week" and its 14-day sparklines have something to show on a fresh database:
-- per post and day a number of views shaped by the post's topic (some rise, some fade, some spike), with matching
-- viewer rows, post.views and post.unique_viewers, so that the tables agree as the view counter would keep them.
-- The demo viewers are hashes of nobody ('h:demo-...'); real ones are HMACs.
CREATE TEMPORARY TABLE demo_daily ON COMMIT DROP AS
SELECT p.id AS post_id,
       ((now() AT TIME ZONE 'UTC')::date - d) AS day,
       greatest(0, round((0.5 + ((p.id * 7) % 5) * 0.4) *
           CASE p.id % 4
               WHEN 0 THEN 2 + (13 - d) * (1 + p.id % 3)                   -- rising
               WHEN 1 THEN 3 + d * (1 + p.id % 2)                          -- fading
               WHEN 2 THEN 4 + CASE WHEN d BETWEEN 2 AND 4 THEN 30 ELSE 0 END -- a spike a few days ago
               ELSE 5 + 4 * sin(d + p.id)                                   -- steady
           END))::bigint AS views
FROM post p, generate_series(0, 13) AS d;

INSERT INTO post_views_daily (post_id, day, views)
SELECT post_id, day, views FROM demo_daily WHERE views > 0;

-- One demo viewer per view: every demo view was a different reader.
INSERT INTO post_viewer (post_id, viewer, first_seen, last_seen, last_counted, views)
SELECT d.post_id, 'h:demo-' || d.post_id || '-' || d.day || '-' || v,
       d.day + make_interval(hours => (v % 24)::int), d.day + make_interval(hours => (v % 24)::int),
       d.day + make_interval(hours => (v % 24)::int), 1
FROM demo_daily d, generate_series(1, d.views) AS v;

UPDATE post p SET views = p.views + t.views, unique_viewers = p.unique_viewers + t.views
FROM (SELECT post_id, sum(views) AS views FROM demo_daily GROUP BY post_id) t
WHERE p.id = t.post_id;
