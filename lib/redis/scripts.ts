/**
 * The Lua scripts both Redis stores run (Upstash REST and TCP), so an instance on either transport
 * reads and writes the same keys the same way. Each multi-step operation is one script: concurrent
 * instances never interleave inside it.
 */
import type { ChooseEligibleInput } from "./port";
// A3: validate the queue against the members (keep survivors in order, drop unknown and duplicate
// ids, append missing members), then take the first allowed id and move it to the back. One script,
// so two assigners can never take the same turn.
const ROTATE = `
local function rotate(queue, known, members, allowed)
  local current = redis.call('LRANGE', queue, 0, -1)
  local order, seen = {}, {}
  local function keep(id)
    if known[id] and not seen[id] then seen[id] = true; order[#order + 1] = id end
  end
  for _, id in ipairs(current) do keep(id) end
  for _, id in ipairs(members) do keep(id) end
  local chosen = false
  for i, id in ipairs(order) do
    if allowed[id] then chosen = id; table.remove(order, i); order[#order + 1] = id; break end
  end
  local changed = #order ~= #current
  if not changed then
    for i = 1, #order do if order[i] ~= current[i] then changed = true; break end end
  end
  if changed then
    redis.call('DEL', queue)
    for i = 1, #order, 1000 do
      redis.call('RPUSH', queue, unpack(order, i, math.min(i + 999, #order)))
    end
  end
  return chosen
end
`;

export const ROUND_ROBIN_NEXT = `${ROTATE}
local n = tonumber(ARGV[1])
local known, members, allowed = {}, {}, {}
for i = 2, n + 1 do known[ARGV[i]] = true; members[#members + 1] = ARGV[i] end
for i = n + 2, #ARGV do allowed[ARGV[i]] = true end
return rotate(KEYS[1], known, members, allowed)
`;

// A2 + A3 in one step (CoordinationStore.chooseEligible). KEYS = queue, presence set, then each
// candidate's window key; ARGV = member count n, the n members, presence since, the window's
// exclusive lower bound, its upper bound, the limit, fewest-open (1/0), then per candidate: id,
// needs presence (1/0), open count.
export const CHOOSE_ELIGIBLE = `${ROTATE}
local n = tonumber(ARGV[1])
local known, members = {}, {}
for i = 2, n + 1 do known[ARGV[i]] = true; members[#members + 1] = ARGV[i] end
local p = n + 2
local since, low, high, limit, fewest = tonumber(ARGV[p]), ARGV[p + 1], ARGV[p + 2], tonumber(ARGV[p + 3]), ARGV[p + 4] == '1'
p = p + 5
local ids, opens, best = {}, {}, nil
local c = 0
while p + 2 <= #ARGV do
  c = c + 1
  local id, needs, open = ARGV[p], ARGV[p + 1] == '1', tonumber(ARGV[p + 2])
  p = p + 3
  local ok = true
  if needs then
    local seen = redis.call('ZSCORE', KEYS[2], id)
    ok = seen ~= false and tonumber(seen) >= since
  end
  if ok and redis.call('ZCOUNT', KEYS[2 + c], '(' .. low, high) >= limit then ok = false end
  if ok then
    ids[#ids + 1] = id; opens[#opens + 1] = open
    if best == nil or open < best then best = open end
  end
end
local allowed = {}
for i, id in ipairs(ids) do
  if not fewest or opens[i] == best then allowed[id] = true end
end
return rotate(KEYS[1], known, members, allowed)
`;

/** KEYS and ARGV of CHOOSE_ELIGIBLE for an input, with the store's key naming. */
export function chooseEligibleCall(input: ChooseEligibleInput, key: (kind: string, key: string) => string): { keys: string[]; args: string[] } {
  const { members, presence, window, candidates } = input;
  return {
    keys: [key("rr", input.queue), key("presence", presence.set), ...candidates.map((c) => key("window", c.windowKey))],
    args: [
      String(members.length),
      ...members,
      String(presence.sinceMs),
      String(window.atMs - window.windowMs),
      String(window.atMs),
      String(window.limit),
      input.fewestOpen ? "1" : "0",
      ...candidates.flatMap((c) => [c.id, c.needsPresence ? "1" : "0", String(c.open)]),
    ],
  };
}

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
