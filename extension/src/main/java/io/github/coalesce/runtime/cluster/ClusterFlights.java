package io.github.coalesce.runtime.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.coalesce.CoalesceRemoteFailureException;
import io.github.coalesce.runtime.cluster.ClusterStats.Fallback;

/**
 * The cluster tier of a flight: one execution per key across instances, on Redis. Only a local leader (elected by
 * the in-JVM {@code Coalescer}) comes here, so an instance makes at most one acquire per key per wake-up however
 * many local callers wait.
 * <p>
 * {@link #decide} registers interest in the key's notice, then runs the acquire script: a stored result answers the
 * flight, a free lease makes this instance the leader, a held one makes it wait for the notice or the poll timer,
 * whichever comes first, and ask again, for at most the method's {@code max-wait}. {@link #finish} stores the
 * leader's result only while its lease is still its own. Every Redis call has its own timeout; a failure turns the
 * flight local-only.
 * <p>
 * Internal: not part of the public API.
 */
public final class ClusterFlights implements AutoCloseable {

    private final RedisCommands redis;
    private final ClusterSettings settings;
    private final FlightKeys keys;
    private final TimedScripts scripts;
    private final Breaker breaker;
    private final ScheduledExecutorService timer;
    private final NoticeSubscription subscription;
    private final Map<String, CompletableFuture<Notice>> waiters = new ConcurrentHashMap<>();
    private final Map<String, ClusterStats> stats = new ConcurrentHashMap<>();
    private final Map<String, LeaseView> leases = new ConcurrentHashMap<>();

    /** A lease this instance holds or waits on, for the Dev UI. */
    public record LeaseView(String group, String hash, String role, long sinceMillis) {
    }

    /**
     * @param redis the commands, over the application's Redis client
     * @param settings the protocol's settings
     */
    public ClusterFlights(RedisCommands redis, ClusterSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.keys = new FlightKeys(settings.keyPrefix());
        this.breaker = new Breaker(settings.breakerFailures(), settings.breakerCoolDown().toNanos());
        this.scripts = new TimedScripts(redis, settings.redisTimeout(), breaker);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "coalesce-cluster-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.subscription = new NoticeSubscription(redis, settings.channel(), timer, this::onNotice);
    }

    /**
     * Subscribes to the notice channel (and keeps re-subscribing after a disconnect, with backoff), and loads the
     * scripts over a first pooled connection, so that the first flight's calls do not pay for either within their
     * timeout.
     */
    public void start() {
        subscription.start();
        for (String script : List.of(Scripts.ACQUIRE, Scripts.RENEW, Scripts.COMPLETE)) {
            try {
                redis.eval(script, List.of(settings.keyPrefix() + "warm-up:r", settings.keyPrefix() + "warm-up:l"),
                        List.of("", "1", "1", "", ""));
            } catch (RuntimeException ignored) {
                // Redis away at start: the flights fall back as usual.
            }
        }
    }

    /** @return whether the notice subscription is acknowledged and open now */
    public boolean connected() {
        return subscription.connected();
    }

    /** @return whether Redis is being skipped after failures in a row */
    public boolean breakerOpen() {
        return breaker.isOpen();
    }

    /** @return the settings in force */
    public ClusterSettings settings() {
        return settings;
    }

    /** @return the counters of every group seen so far */
    public Map<String, ClusterStats> stats() {
        return Map.copyOf(stats);
    }

    /**
     * @param group a flight group
     * @return its counters, created empty if needed
     */
    public ClusterStats stats(String group) {
        return stats.computeIfAbsent(group, ClusterStats::new);
    }

    /** @return the leases this instance holds or waits on now */
    public List<LeaseView> leases() {
        return List.copyOf(leases.values());
    }

    /**
     * Decides how a local leader gets its outcome. Never blocks: the waiting happens on timers.
     *
     * @param key the flight
     * @param maxWait the longest it waits on another instance's lease before it runs the call itself, or
     *        {@code null} for as long as the lease is held
     * @return a stage completing with the decision (never exceptionally)
     */
    public CompletionStage<Decision> decide(ClusterKey key, Duration maxWait) {
        ClusterStats groupStats = stats(key.group());
        if (!breaker.allows()) {
            groupStats.onFallback(Fallback.BREAKER_OPEN);
            return CompletableFuture.completedFuture(new Decision.Local(Fallback.BREAKER_OPEN, null));
        }
        Asking asking = new Asking(key, UUID.randomUUID().toString(), groupStats, System.nanoTime(),
                maxWait == null ? -1 : maxWait.toNanos(), new CompletableFuture<>());
        leases.put(key.hash(), new LeaseView(key.group(), key.hash(), "waiting", System.currentTimeMillis()));
        attempt(asking, false, false);
        return asking.decision().whenComplete((d, e) -> {
            if (!(d instanceof Decision.Lead)) {
                leases.remove(key.hash());
            }
        });
    }

    private void attempt(Asking asking, boolean waited, boolean notified) {
        ClusterKey key = asking.key();
        ClusterStats groupStats = asking.stats();
        CompletableFuture<Decision> decision = asking.decision();
        // Registered before the acquire: a notice published after the script ran cannot be missed.
        CompletableFuture<Notice> wake = waiters.computeIfAbsent(key.hash(), h -> new CompletableFuture<>());
        long start = System.nanoTime();
        scripts.eval(Scripts.ACQUIRE, List.of(keys.result(key), keys.lease(key)),
                List.of(asking.token(), millis(settings.redisTimeout())))
                .whenComplete((reply, failure) -> {
                    groupStats.onAcquire(!waited, System.nanoTime() - start);
                    if (failure != null) {
                        waiters.remove(key.hash(), wake);
                        decision.complete(redisFailure(groupStats, failure));
                        return;
                    }
                    switch (reply.get(0)) {
                        case "R" -> {
                            waiters.remove(key.hash(), wake);
                            decision.complete(remote(key, groupStats, reply.get(1), waited, notified));
                        }
                        case "L" -> {
                            waiters.remove(key.hash(), wake);
                            lead(asking, waited, wake);
                        }
                        default -> waitFor(asking, Long.parseLong(reply.get(1)), wake);
                    }
                });
    }

    private void waitFor(Asking asking, long leaseMillis, CompletableFuture<Notice> wake) {
        ClusterStats groupStats = asking.stats();
        CompletableFuture<Decision> decision = asking.decision();
        long remaining = asking.remainingNanos();
        if (remaining == 0) {
            // Asked once more at max-wait, and the lease is still held: the callers get their own execution.
            waiters.remove(asking.key().hash(), wake);
            groupStats.onFallback(Fallback.MAX_WAIT);
            decision.complete(new Decision.Local(Fallback.MAX_WAIT, null));
            return;
        }
        long delay = leaseMillis < 0 ? 0
                : Math.min(Math.min(TimeUnit.MILLISECONDS.toNanos(leaseMillis), settings.pollInterval().toNanos()),
                        remaining);
        CompletableFuture<Notice> timeout = new CompletableFuture<>();
        var timerTask = timer.schedule(() -> timeout.complete(null), delay, TimeUnit.NANOSECONDS);
        wake.applyToEither(timeout, notice -> notice).thenAccept(notice -> {
            timerTask.cancel(false);
            if (notice == null) {
                attempt(asking, true, false);
            } else if (notice.kind() == Notice.Kind.FAILED) {
                groupStats.onRemoteFailure();
                decision.complete(new Decision.RemoteFailure(
                        new CoalesceRemoteFailureException(notice.type(), notice.message())));
            } else if (notice.kind() == Notice.Kind.NOT_STORED) {
                groupStats.onFallback(Fallback.RESULT_TOO_LARGE);
                decision.complete(new Decision.Local(Fallback.RESULT_TOO_LARGE, null));
            } else {
                attempt(asking, true, true);
            }
        });
    }

    private void lead(Asking asking, boolean waited, CompletableFuture<Notice> wake) {
        ClusterKey key = asking.key();
        String token = asking.token();
        ClusterStats groupStats = asking.stats();
        Notice raced = wake.getNow(null);
        if (raced != null && raced.kind() == Notice.Kind.FAILED) {
            // The previous leader failed just before this acquire: pass its failure on, and the lease back.
            groupStats.onRemoteFailure();
            scripts.eval(Scripts.COMPLETE, List.of(keys.lease(key), keys.result(key)),
                    List.of(token, "", "1", settings.channel(), raced.encode()));
            asking.decision().complete(new Decision.RemoteFailure(
                    new CoalesceRemoteFailureException(raced.type(), raced.message())));
            return;
        }
        if (waited) {
            groupStats.onReElection();
        }
        groupStats.onLeader();
        leases.put(key.hash(), new LeaseView(key.group(), key.hash(), "leading", System.currentTimeMillis()));
        Lease lease = new Lease();
        // The confirmation of the short lease (see Scripts.ACQUIRE), then a renewal every lease-ttl/3.
        renew(key, token, lease, groupStats);
        long every = Math.max(1, settings.leaseTtl().toMillis() / 3);
        lease.renewWith(timer.scheduleAtFixedRate(() -> renew(key, token, lease, groupStats), every, every,
                TimeUnit.MILLISECONDS));
        asking.decision().complete(new Decision.Lead(key, token, lease));
    }

    private void renew(ClusterKey key, String token, Lease lease, ClusterStats groupStats) {
        long start = System.nanoTime();
        scripts.eval(Scripts.RENEW, List.of(keys.lease(key)), List.of(token, millis(settings.leaseTtl())))
                .thenAccept(reply -> {
                    groupStats.onRedisCall(System.nanoTime() - start);
                    if ("0".equals(reply.get(0))) {
                        lease.markLost();
                        lease.stop();
                    }
                });
    }

    /**
     * Ends a flight this instance led: stores the result (or publishes the failure) while the lease is still its
     * own. The caller returns its own outcome to its own local callers whatever this completes with.
     *
     * @param lead the decision that made this instance the leader
     * @param value the result, when {@code failure} is {@code null}
     * @param failure the execution's failure, or {@code null}
     * @return a stage completing once Redis answered or timed out (never exceptionally)
     */
    public CompletionStage<Void> finish(Decision.Lead lead, Object value, Throwable failure) {
        lead.lease().stop();
        ClusterKey key = lead.key();
        ClusterStats groupStats = stats(key.group());
        leases.remove(key.hash());
        String json = "";
        Notice notice;
        if (failure != null) {
            notice = Notice.failed(key.hash(), failure);
        } else {
            try {
                json = key.codec().write(value);
            } catch (Exception unserializable) {
                json = null;
            }
            if (json == null || json.length() * 3L > settings.maxResultSize()
                    && json.getBytes(StandardCharsets.UTF_8).length > settings.maxResultSize()) {
                groupStats.onFallback(Fallback.RESULT_TOO_LARGE);
                json = "";
                notice = Notice.notStored(key.hash());
            } else {
                notice = Notice.stored(key.hash());
            }
        }
        long start = System.nanoTime();
        return scripts.eval(Scripts.COMPLETE, List.of(keys.lease(key), keys.result(key)),
                List.of(lead.token(), json, millis(settings.resultTtl()), settings.channel(), notice.encode()))
                .handle((reply, error) -> {
                    groupStats.onRedisCall(System.nanoTime() - start);
                    if (error == null && "0".equals(reply.get(0)) || lead.lease().lost()) {
                        groupStats.onLeaseLost();
                    }
                    return null;
                });
    }

    private Decision remote(ClusterKey key, ClusterStats groupStats, String json, boolean waited,
            boolean notified) {
        try {
            Object value = key.codec().read(json);
            groupStats.onRemoteResult(waited, notified);
            return new Decision.Remote(value);
        } catch (Exception unreadable) {
            groupStats.onFallback(Fallback.UNREADABLE_RESULT);
            return new Decision.Local(Fallback.UNREADABLE_RESULT, unreadable);
        }
    }

    private Decision redisFailure(ClusterStats groupStats, Throwable failure) {
        groupStats.onFallback(Fallback.REDIS_ERROR);
        return new Decision.Local(Fallback.REDIS_ERROR,
                failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause()
                        : failure);
    }

    private void onNotice(String payload) {
        Notice notice = Notice.decode(payload);
        if (notice != null) {
            CompletableFuture<Notice> wake = waiters.remove(notice.hash());
            if (wake != null) {
                // On the subscription's I/O thread, as the acquire replies are handled on theirs: what the waiter does
                // next is non-blocking (send the acquire again, or complete the decision, whose callers resume on
                // their own threads), and a hop to another thread first would add a thread wake-up to every wake-up.
                wake.complete(notice);
            }
        }
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.max(1, duration.toMillis()));
    }

    @Override
    public void close() {
        subscription.close();
        timer.shutdownNow();
    }
}
