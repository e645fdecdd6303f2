-- GET /posts/{id} over ids 1..100, in turn (each wrk thread keeps its own position), as a browser: the view counter's
-- bot filter reads the User-Agent of every view, so a request without one would skip work real traffic pays for.
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
  .. "Chrome/131.0.0.0 Safari/537.36"
local next_id = 0
request = function()
  next_id = next_id % 100 + 1
  return wrk.format("GET", "/posts/" .. next_id)
end
