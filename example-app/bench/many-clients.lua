-- Spreads requests over 10,000 client addresses, as a trusted proxy would report them, so each rate-limit check
-- hits one of many buckets instead of a single hot one.
local counter = 0

request = function()
  counter = counter + 1
  local n = counter % 10000
  wrk.headers["X-Forwarded-For"] = "10." .. (n % 100) .. "." .. math.floor(n / 100) .. ".7"
  return wrk.format(nil)
end
