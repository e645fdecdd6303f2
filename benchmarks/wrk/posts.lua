-- GET /posts/{id} over ids 1..100, in turn (each wrk thread keeps its own position).
local next_id = 0
request = function()
  next_id = next_id % 100 + 1
  return wrk.format("GET", "/posts/" .. next_id)
end
