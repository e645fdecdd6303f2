-- GET /p/{id} (a page selected for HTTP collapsing) so that no two requests in flight share a key: each wrk thread
-- walks ids of its own (thread 1: 1..18, thread 2: 19..36, the seeded posts), one after the other, and a thread has at
-- most its connections (8 of 16) in flight. The followers counter, read before and after, shows any collision.
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
  .. "Chrome/131.0.0.0 Safari/537.36"
local threads = 0
setup = function(thread)
  thread:set("first", threads * 18)
  threads = threads + 1
end
local next_id = 0
request = function()
  next_id = next_id % 18 + 1
  return wrk.format("GET", "/p/" .. (first + next_id))
end
