/**
 * The Lua script that makes each write one atomic step in Redis: check the precondition, increment the
 * resourceVersion counter, store (or remove) the object, and append the change to the watch history.
 * Redis runs a script without interleaving other commands, so a watcher reading the history sees every
 * committed change exactly once and in resourceVersion order.
 *
 * KEYS: [1] rv counter, [2] the resource's hash, [3] history stream
 * ARGV: [1] op: create | update | delete, [2] field, [3] object JSON (create/update),
 *       [4] expected current rv ('' = any), [5] history length to keep, [6] "<group>/<resource>"
 * Returns: {'ok', newRv, previousValue|false} | {'exists'} | {'notfound'} | {'conflict', currentRv}
 */
export const WRITE_SCRIPT = `
local op, field, json, expect, keep, res = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local cur = redis.call('HGET', KEYS[2], field)
if op == 'create' then
  if cur then return {'exists'} end
else
  if not cur then return {'notfound'} end
  local curRv = string.sub(cur, 1, string.find(cur, '\\n', 1, true) - 1)
  if expect ~= '' and expect ~= curRv then return {'conflict', curRv} end
end
local rv = redis.call('INCR', KEYS[1])
local id = '0-' .. rv
if op == 'delete' then
  redis.call('HDEL', KEYS[2], field)
  local body = string.sub(cur, string.find(cur, '\\n', 1, true) + 1)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', keep, id, 't', 'DELETED', 'r', res, 'k', field, 'o', body)
else
  redis.call('HSET', KEYS[2], field, rv .. '\\n' .. json)
  if op == 'create' then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', keep, id, 't', 'ADDED', 'r', res, 'k', field, 'o', json)
  else
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', keep, id, 't', 'MODIFIED', 'r', res, 'k', field, 'o', json, 'p', cur)
  end
end
return {'ok', rv, cur or false}
`;

