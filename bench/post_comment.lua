-- wrk script for bench/pages.py: post a comment per request, each with its own form body and address.
-- BENCH_BODIES: one "address<TAB>urlencoded body" per line (each with its own token, e-mail and marker);
-- BENCH_OUT: where done() writes the answers' statuses ("302=120") and the comment ids they named ("id=4711").
-- BENCH_CSRF: the CSRF secret the bodies carry, sent in the cookie as a browser would.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   thread:set("nthreads", 0)
   counter = counter + 1
   table.insert(threads, thread)
end

local lines = {}
local index = nil
counts = {}
ids = {}

function init(args)
   local file = assert(io.open(os.getenv("BENCH_BODIES")))
   for line in file:lines() do
      lines[#lines + 1] = line
   end
   file:close()
   index = id
   csrf = os.getenv("BENCH_CSRF")
end

function request()
   -- The threads take alternate lines, so no two requests ever carry the same token.
   local line = lines[(index % #lines) + 1]
   index = index + 2
   local address, body = line:match("^([^\t]+)\t(.*)$")
   return wrk.format("POST", nil, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. csrf,
      ["X-Forwarded-For"] = address,
   }, body)
end

function response(status, headers, body)
   local key = tostring(status)
   counts[key] = (counts[key] or 0) + 1
   local location = headers["Location"] or headers["location"]
   if location then
      local found = location:match("#comment%-(%d+)$")
      if found then
         ids[#ids + 1] = found
      end
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(os.getenv("BENCH_OUT"), "w"))
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("counts")) do
         out:write(status .. "=" .. count .. "\n")
      end
      for _, found in ipairs(thread:get("ids")) do
         out:write("id=" .. found .. "\n")
      end
   end
   out:close()
end
