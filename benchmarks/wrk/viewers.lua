-- GET /posts/{id} over ids 1..100 in turn, as a browser (see posts.lua), each request from a reader of its own behind
-- a trusted proxy: an X-Forwarded-For address out of 198.18.0.0/15 (the range set aside for benchmarks, RFC 2544; it
-- is only a header, no packet goes there), each wrk thread its own 10 000 addresses (20 000 with two threads), one
-- address further on every request. The post moves on one more each time a thread's addresses come round again, so
-- that a thread's (post, address) pairs repeat only after 100 x 10 000 requests: each request is a pair the viewer
-- relation has not seen, which the flush inserts. Every 10th request is a reload instead, the thread's request before
-- sent again: a repeat within the cooldown, which the counter's in-memory cooldown filters out.
-- The script's argument (wrk ... URL -- RUN) starts run RUN 200 000 requests further into each thread's pairs, so that
-- the runs against one app (warm-up 0, then rounds 1, 2, 3) never repeat each other's pairs.
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
  .. "Chrome/131.0.0.0 Safari/537.36"
local addresses_per_thread = 10000
local run_stride = 200000
local threads = 0
setup = function(thread)
  thread:set("first_address", threads * addresses_per_thread)
  threads = threads + 1
end

local position = 0 -- in this thread's sequence of pairs
local requests = 0
local previous = nil
init = function(args)
  position = (tonumber(args[1]) or 0) * run_stride
end

request = function()
  requests = requests + 1
  if previous == nil or requests % 10 ~= 0 then
    local address = first_address + position % addresses_per_thread
    local id = (position + math.floor(position / addresses_per_thread)) % 100 + 1
    position = position + 1
    wrk.headers["X-Forwarded-For"] = "198." .. (18 + math.floor(address / 65536)) .. "."
      .. (math.floor(address / 256) % 256) .. "." .. (address % 256)
    previous = wrk.format("GET", "/posts/" .. id)
  end
  return previous
end
