package io.github.coalesce.runtime.cluster;

/**
 * The Lua scripts of the protocol. Each runs atomically in Redis, so a check and the write it guards can never be
 * split by another instance's command.
 */
final class Scripts {

    /**
     * KEYS: result, lease, fence. ARGV: token, lease TTL (ms), fence TTL (ms). Returns {@code {'R', json}} for a
     * stored result, {@code {'L', fence}} when this caller took the lease, else {@code {'W', remaining lease ms}}.
     */
    static final String ACQUIRE = """
            local result = redis.call('GET', KEYS[1])
            if result then return {'R', result} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local fence = redis.call('INCR', KEYS[3])
              redis.call('PEXPIRE', KEYS[3], ARGV[3])
              return {'L', tostring(fence)}
            end
            return {'W', tostring(redis.call('PTTL', KEYS[2]))}
            """;

    /** KEYS: lease. ARGV: token, lease TTL (ms). Returns 1 if the lease was still this token's and is extended. */
    static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;

    /**
     * KEYS: lease, result. ARGV: token, json ('' = store nothing), result TTL (ms), channel, notice. Only while the
     * lease is still this token's: stores the result, deletes the lease and publishes the notice. Returns 1 then,
     * else 0 (the lease was lost: someone else leads now, whose result must not be overwritten).
     */
    static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1
            """;

    private Scripts() {
    }
}
