-- Every post has an author: the principal who created it. Only the author (or an admin) may edit or delete it.
ALTER TABLE post ADD COLUMN author varchar(100);
-- The seeded posts predate users: spread them over the two demo authors.
UPDATE post SET author = CASE WHEN id % 2 = 0 THEN 'bob' ELSE 'alice' END WHERE author IS NULL;
ALTER TABLE post ALTER COLUMN author SET NOT NULL;
-- GET /me/posts: one author's posts, newest first. The counted column (views) stays unindexed, so the counter's
-- updates remain HOT (see V3__).
CREATE INDEX post_author ON post (author, created_at DESC);
