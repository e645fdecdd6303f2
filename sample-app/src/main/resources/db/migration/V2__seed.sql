-- A few dozen demo posts: Markdown bodies with headings (for the table of contents) and overlapping tags (for
-- related posts). Generated so that every post differs in title, length, tags and age.
CREATE TEMPORARY TABLE topics (n int, topic text, tags text[]) ON COMMIT DROP;
INSERT INTO topics
    VALUES (1, 'Thundering herds', ARRAY['performance', 'caching']),
           (2, 'Virtual threads', ARRAY['java', 'concurrency']),
           (3, 'Singleflight in Go', ARRAY['go', 'concurrency', 'caching']),
           (4, 'PostgreSQL hot rows', ARRAY['postgresql', 'performance']),
           (5, 'Quarkus extensions', ARRAY['quarkus', 'java']),
           (6, 'Counting page views', ARRAY['postgresql', 'analytics']),
           (7, 'Fault tolerance', ARRAY['quarkus', 'resilience']),
           (8, 'Link previews', ARRAY['web', 'caching']),
           (9, 'Batching writes', ARRAY['postgresql', 'performance']),
           (10, 'Reactive pipelines', ARRAY['java', 'reactive']),
           (11, 'Semaphores as channels', ARRAY['go', 'concurrency']),
           (12, 'Observability basics', ARRAY['quarkus', 'metrics']);


INSERT INTO post (title, body, created_at)
SELECT topic || CASE part WHEN 1 THEN ': an introduction' WHEN 2 THEN ' in practice' ELSE ': pitfalls' END,
       '# ' || topic || E'\n\n'
           || repeat('This post looks at ' || lower(topic) || ' from a practical angle. ', 3 + n % 5) || E'\n\n'
           || E'## Why it matters\n\n'
           || repeat('When many requests arrive at once, small costs add up quickly. ', 4 + part * 2) || E'\n\n'
           || E'## How it works\n\n'
           || repeat('A careful design keeps the request path short and moves the work elsewhere. ', 5 + n % 3)
           || E'\n\n### A closer look\n\n'
           || repeat('Measure first, then change one thing at a time. ', 3 + part) || E'\n\n'
           || E'## Takeaways\n\n- Keep it simple.\n- Measure it.\n- Write it down.\n',
       now() - make_interval(days => n * 3 + part, hours => n)
FROM topics, generate_series(1, 3) AS part
ORDER BY n, part;

INSERT INTO post_tag (post_id, tag)
SELECT p.id, t.tag
FROM post p
JOIN topics
  ON p.title LIKE topics.topic || '%'
CROSS JOIN LATERAL unnest(topics.tags) AS t(tag);
