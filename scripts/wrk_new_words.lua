-- wrk: a search never made before on every request (make bench's "search new"). The common words
-- of the "search" figure plus a word of the request's own, which no page contains: the results
-- are the same, but nothing kept for an earlier search answers it.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  sent = 0
end

function request()
  sent = sent + 1
  return wrk.format("GET", "/search/?q=relapse+treatment+zq" .. thread_id .. "x" .. sent)
end
