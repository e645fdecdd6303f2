package io.github.coalesce.runtime.cluster;

/**
 * The Lua scripts of the protocol. Each runs atomically in Redis, so a check and the write it guards can never be
 * split by another instance's command.
 */
final class Scripts {

    /**
     * KEYS: result, lease. ARGV: token, pending TTL (ms). Returns {@code {'R', json}} for a stored result,
     * {@code {'L'}} when this caller took the lease, else {@code {'W', remaining lease ms}}.
     * <p>
     * The lease is taken short, for {@code redis-timeout}, and its holder confirms it at once with {@link #RENEW}
     * (to {@code lease-ttl}) only if the reply reached it in time. An acquire whose caller gave up (its timeout passed
     * while Redis was paused, the script still queued) can still run later and take the lease, with a token nobody
     * confirms: that lease lapses within {@code redis-timeout}, and a waiter on it asks again then. A release sent
     * after the timeout instead could not be proven: it may go out on another pooled connection and run before the
     * acquire it means to undo; the short lease needs no ordering between connections, only Redis' own expiry. A
     * confirm that comes later than {@code redis-timeout} loses the lease (two leaders, as with a GC pause longer
     * than the lease; the late one's {@link #COMPLETE} is refused).
     */
    static final String ACQUIRE = """
            local result = redis.call('GET', KEYS[1])
            if result then return {'R', result} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'L'} end
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
