/**
 * The Lua scripts both Redis stores run (Upstash REST and TCP), so an instance on either transport
 * reads and writes the same keys the same way. Each multi-step operation is one script: concurrent
 * instances never interleave inside it.
 */
// A3: validate the queue against the members (keep survivors in order, drop unknown and duplicate
// ids, append missing members), then take the first allowed id and move it to the back. One script,
// so two assigners can never take the same turn.
export const ROUND_ROBIN_NEXT = `
local n = tonumber(ARGV[1])
local known, allowed = {}, {}
for i = 2, n + 1 do known[ARGV[i]] = true end
for i = n + 2, #ARGV do allowed[ARGV[i]] = true end
local current = redis.call('LRANGE', KEYS[1], 0, -1)
local order, seen = {}, {}
local function keep(id)
  if known[id] and not seen[id] then seen[id] = true; order[#order + 1] = id end
end
for _, id in ipairs(current) do keep(id) end
for i = 2, n + 1 do keep(ARGV[i]) end
local chosen = false
for i, id in ipairs(order) do
  if allowed[id] then chosen = id; table.remove(order, i); order[#order + 1] = id; break end
end
local changed = #order ~= #current
if not changed then
  for i = 1, #order do if order[i] ~= current[i] then changed = true; break end end
end
if changed then
  redis.call('DEL', KEYS[1])
  for i = 1, #order, 1000 do
    redis.call('RPUSH', KEYS[1], unpack(order, i, math.min(i + 999, #order)))
  end
end
return chosen
`;

export const ROUND_ROBIN_ADD = `
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('RPUSH', KEYS[1], ARGV[1])
`;

export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

// Prune, then read, in one step so a reader never sees members a concurrent prune is removing.
export const PRESENT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
return redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
`;

export const WINDOW_RECORD = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
`;

// The sliding-window limiter of @upstash/ratelimit 2.x (singleRegion slidingWindow), key for key, so
// instances on REST and on TCP count the same hits: KEYS = this window's and the previous window's
// bucket, ARGV = limit, now (ms), window (ms), increment. Returns {remaining, limit}; -1 = refused.
export const SLIDING_WINDOW_LIMIT = `
local tokens = tonumber(ARGV[1])
local now = ARGV[2]
local window = ARGV[3]
local incrementBy = tonumber(ARGV[4])
local current = redis.call("GET", KEYS[1])
if current == false then current = 0 end
local previous = redis.call("GET", KEYS[2])
if previous == false then previous = 0 end
local percentageInCurrent = (now % window) / window
previous = math.floor((1 - percentageInCurrent) * previous)
if incrementBy > 0 and previous + current >= tokens then
  return {-1, tokens}
end
local newValue = redis.call("INCRBY", KEYS[1], incrementBy)
if newValue == incrementBy then
  redis.call("PEXPIRE", KEYS[1], window * 2 + 1000)
end
return {tokens - (newValue + previous), tokens}
`;

/** The message payload on the wire: JSON-encoded, so a raw newline never reaches an SSE stream. */
export function encodePayload(message: string): string {
  return JSON.stringify(message);
}

/** PX and PEXPIRE take whole milliseconds ≥ 1; the memory store takes any duration. */
export function wholeMs(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}

export function decodePayload(payload: string): string {
  try {
    const value: unknown = JSON.parse(payload);
    return typeof value === "string" ? value : payload;
  } catch {
    return payload; // published by something other than this store
  }
}
