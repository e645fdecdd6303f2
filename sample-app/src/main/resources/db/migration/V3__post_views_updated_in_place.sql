-- The view counter rewrites post.views at every flush. With no index on that column and room left in each page,
-- PostgreSQL puts the new row version into the same page without touching any index (a HOT update): no new index
-- entries, and no dead ones for the next lookup by id to step over. The fillfactor applies to pages written from now
-- on. The "top posts" of /metadata sort the few rows of the blog without an index.
DROP INDEX IF EXISTS post_views;
ALTER TABLE post SET (fillfactor = 90);
