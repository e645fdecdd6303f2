-- The viral post: every request of every connection is GET /posts/1, as a browser (see posts.lua): many readers of
-- one post at once, where a synchronous UPDATE per view queues on that one row's lock.
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
  .. "Chrome/131.0.0.0 Safari/537.36"
request = function()
  return wrk.format("GET", "/posts/1")
end
