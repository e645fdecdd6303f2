package io.github.coalesce.runtime.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * The one pub/sub subscription of an instance, on the notice channel of every key. Connected means acknowledged by
 * Redis; after a disconnect it re-subscribes with exponential backoff. While it is down followers still get their
 * results, by polling.
 */
final class NoticeSubscription {

    private static final Logger LOG = Logger.getLogger(NoticeSubscription.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final RedisCommands redis;
    private final String channel;
    private final ScheduledExecutorService timer;
    private final Consumer<String> onMessage;
    private volatile RedisCommands.Subscription current;
    private volatile boolean connected;
    private volatile boolean closed;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;

    NoticeSubscription(RedisCommands redis, String channel, ScheduledExecutorService timer,
            Consumer<String> onMessage) {
        this.redis = redis;
        this.channel = channel;
        this.timer = timer;
        this.onMessage = onMessage;
    }

    void start() {
        if (closed) {
            return;
        }
        try {
            redis.subscribe(channel, onMessage, this::onEnd).whenComplete((subscription, failure) -> {
                if (failure != null) {
                    retryLater(failure);
                } else if (closed) {
                    subscription.close();
                } else {
                    current = subscription;
                    connected = true;
                    backoffMillis = FIRST_BACKOFF_MILLIS;
                    LOG.debugf("Subscribed to %s", channel);
                }
            });
        } catch (RuntimeException e) {
            retryLater(e);
        }
    }

    private void onEnd() {
        if (connected) {
            connected = false;
            LOG.infof("Coalesce cluster: the Redis subscription to %s closed; re-subscribing (followers poll until "
                    + "then)", channel);
        }
        current = null;
        retryLater(null);
    }

    private synchronized void retryLater(Throwable failure) {
        if (closed || timer.isShutdown()) {
            return;
        }
        if (failure != null) {
            LOG.debugf("Subscribing to %s failed (%s); retrying in %d ms", channel, failure, backoffMillis);
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        try {
            timer.schedule(this::start, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // closed meanwhile
        }
    }

    boolean connected() {
        return connected;
    }

    void close() {
        closed = true;
        connected = false;
        RedisCommands.Subscription subscription = current;
        if (subscription != null) {
            subscription.close();
        }
    }
}
