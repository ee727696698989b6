// The Lua the database runs. A script runs atomically, so every check in it happens before its
// first write: either everything is written or nothing is. Every key it touches comes in KEYS
// (Upstash's EVAL page: a key built inside a script is read from disk under the global lock).
//
// Time comes from the database's own clock (TIME), guarded with pcall because a hosted server
// may refuse it in scripts; then the runner's clock, given in ARGV, is used instead. Lua 5.1 in
// Redis has no date library: ISO 8601 is written and read here by hand (H. Hinnant's civil-date
// algorithms), for the canonical form JavaScript's toISOString() writes.

import { ENTRY_BYTES } from './history-entry.js';

/** Lua functions: `iso(ms)`, `parse_iso(text)` (→ ms or nil), `clock(fallback_ms)` (→ ms, source). */
const LUA_TIME = `
local function iso(ms)
  local days = math.floor(ms / 86400000)
  local rem = ms - days * 86400000
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d,
    math.floor(rem / 3600000), math.floor(rem / 60000) % 60, math.floor(rem / 1000) % 60, rem % 1000)
end
local function parse_iso(text)
  if type(text) ~= 'string' then return nil end
  local y, mo, d, h, mi, s, f = string.match(text, '^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)%.(%d%d%d)Z$')
  if not y then return nil end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  if mo < 1 or mo > 12 or d < 1 or d > 31 then return nil end
  local yy = mo <= 2 and y - 1 or y
  local era = math.floor(yy / 400)
  local yoe = yy - era * 400
  local doy = math.floor((153 * (mo > 2 and mo - 3 or mo + 9) + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  local ms = ((era * 146097 + doe - 719468) * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(s)) * 1000 + tonumber(f)
  if iso(ms) ~= text then return nil end
  return ms
end
local function clock(fallback)
  local ok, t = pcall(redis.call, 'TIME')
  if ok and type(t) == 'table' and tonumber(t[1]) then
    return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'database'
  end
  return tonumber(fallback), 'runner'
end
`;

/**
 * The largest single value the script returns, and status reads (status-large.ts): the
 * keep-alive writes a few hundred bytes at most; a larger one, written by something else, comes
 * back as a short note of its size. With the history's entries bounded by ENTRY_BYTES, no stored
 * value can make the reply larger than the 1 MiB a reply may have (CAPS.replyBytes): 1,000
 * entries and some twenty values, base64.
 */
export const VALUE_BYTES = 4096;

/**
 * Nonces of the last runs kept for recognising a retry (see MAINTENANCE_SCRIPT). A retry comes
 * within its run's own attempts (at most 10, with 60 s of waits in all), when only the other
 * keep-alives of this prefix, if any, write: 32 leaves room for 31 of their runs. A nonce is a
 * UUID; a stored one over 64 bytes is not the keep-alive's and is not carried over.
 */
const RECENT_NONCES = 32;

/** Largest stored counter the script still increases: the result stays exact in JavaScript. */
const MAX_COUNT = 2 ** 53 - 2;

/**
 * The maintenance, all-or-nothing, counted once per run, never moving time backwards.
 * KEYS: last-maintenance, previous-maintenance, status, count, metadata, history, and, only
 *       read, the backstop's beat and beats.
 * ARGV: runner time (ms), status value, run nonce, clock-skew allowance (ms), history size (0:
 *       none), the history entry after its time (a JSON object's text without its opening `{`),
 *       then metadata field/value pairs.
 * Returns: { 'applied' | 'replayed', previous, count (a string: exact in any client), last,
 *   status, the keep-alive's metadata fields (HMGET: maintained-at, clock, run-nonce, then the
 *   ARGV fields, in order), clock, the history (newest first; an entry over ENTRY_BYTES as
 *   false, so that no history can make the reply too large), the backstop's beat and beats
 *   (false when absent or not strings) }; a value over VALUE_BYTES as a note of its size.
 * A run that already applied its nonce (a retry after a lost answer) writes nothing and gets the
 * stored record back: the count goes up once per run, whatever happened on the network. The
 * nonce is looked for in the metadata: `run-nonce` (the last run) and `run-nonces` (the last
 * RECENT_NONCES runs, newest first, space-separated), kept whatever the history's size, so a retry
 * is recognised even after other runs wrote between its attempts.
 * Nothing is ever deleted: a previous-maintenance that cannot be carried over is left as it is;
 * the history is a list capped at its size, newest first (LPUSH, then LTRIM).
 */
export const MAINTENANCE_SCRIPT = `${LUA_TIME}
local size = tonumber(ARGV[5])
local kinds = {'string', 'string', 'string', 'string', 'hash', 'list'}
for i = 1, 6 do
  local key = KEYS[i]
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= kinds[i] and (i < 6 or size > 0) then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' holds a ' .. kind .. ', where the keep-alive keeps a ' .. kinds[i])
  end
end
local fields = {'maintained-at', 'clock', 'run-nonce'}
for i = 7, #ARGV, 2 do fields[#fields + 1] = ARGV[i] end
local function capped(value)
  if type(value) == 'string' and #value > ${VALUE_BYTES} then
    return '(a value of ' .. #value .. ' bytes, not returned)'
  end
  return value
end
local function text(key)
  if redis.call('TYPE', key).ok ~= 'string' then return false end
  return capped(redis.call('GET', key))
end
local function answer(outcome, previous, source)
  local history = {}
  if size > 0 then
    for i, entry in ipairs(redis.call('LRANGE', KEYS[6], 0, size - 1)) do
      history[i] = #entry <= ${ENTRY_BYTES} and entry
    end
  end
  local stored = redis.call('HMGET', KEYS[5], unpack(fields))
  for i = 1, #fields do stored[i] = capped(stored[i]) end
  return {outcome, capped(previous) or false, capped(redis.call('GET', KEYS[4])) or '0',
    capped(redis.call('GET', KEYS[1])) or false, capped(redis.call('GET', KEYS[3])) or false,
    stored, source, history, text(KEYS[7]), text(KEYS[8])}
end
local seen = redis.call('HMGET', KEYS[5], 'run-nonce', 'run-nonces')
local recent = type(seen[2]) == 'string' and seen[2] or ''
if seen[1] == ARGV[3] or string.find(' ' .. recent .. ' ', ' ' .. ARGV[3] .. ' ', 1, true) then
  return answer('replayed', redis.call('GET', KEYS[2]), redis.call('HGET', KEYS[5], 'clock') or 'runner')
end
local count = redis.call('GET', KEYS[4])
if count and not (count == '0' or (string.match(count, '^[1-9]%d*$')
    and (#count < 16 or (#count == 16 and count <= '${MAX_COUNT}')))) then
  return redis.error_reply('WRONGTYPE key ' .. KEYS[4] .. ' holds a string that is not a counter the keep-alive can increase (a whole number from 0 to ${MAX_COUNT})')
end
local now, source = clock(ARGV[1])
local old = redis.call('GET', KEYS[1])
local old_ms = parse_iso(old)
if old_ms and old_ms > now + tonumber(ARGV[4]) then old_ms = nil end
if old_ms and old_ms > now then now = old_ms end
local stamp = iso(now)
local nonces = {ARGV[3]}
for nonce in string.gmatch(recent, '[^ ]+') do
  if #nonces >= ${RECENT_NONCES} then break end
  if #nonce <= 64 then nonces[#nonces + 1] = nonce end
end
if old_ms then redis.call('SET', KEYS[2], old) end
redis.call('SET', KEYS[1], stamp)
redis.call('SET', KEYS[3], ARGV[2])
redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[5], 'maintained-at', stamp, 'clock', source, 'run-nonce', ARGV[3],
  'run-nonces', table.concat(nonces, ' '), unpack(ARGV, 7))
if size > 0 then
  redis.call('LPUSH', KEYS[6], '{"at":"' .. stamp .. '",' .. ARGV[6])
  redis.call('LTRIM', KEYS[6], 0, size - 1)
end
return answer('applied', old_ms and old, source)
`.trim();

/**
 * The backstop's beat, sent by QStash on its own schedule: one command, one write, the time from
 * the database's clock (there is no runner to give one). Every check before the first write.
 * KEYS: backstop-beat, backstop-beats. Returns the beat's time.
 */
export const BEAT_SCRIPT = `${LUA_TIME}
for _, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= 'string' then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' holds a ' .. kind .. ', where the backstop keeps a string')
  end
end
local count = redis.call('GET', KEYS[2])
if count and not (count == '0' or (string.match(count, '^[1-9]%d*$') and #count < 16)) then
  return redis.error_reply('WRONGTYPE key ' .. KEYS[2] .. ' holds a string that is not a counter')
end
local now = clock(nil)
if not now then return redis.error_reply('ERR the database refused TIME in scripts: the beat has no clock') end
local stamp = iso(now)
redis.call('SET', KEYS[1], stamp)
redis.call('INCR', KEYS[2])
return stamp
`.trim();
