package io.github.coalesce.runtime.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of request collapsing per endpoint, kept apart by role so that a leader is never counted as shared:
 * leaders (ran the method for a flight), followers (answered from a leader's response), requests that ran anew after
 * joining (by reason), requests that were never collapsed (by reason) and bytes copied to followers.
 * <p>
 * Internal: not part of the public API.
 */
public final class HttpCollapsingStats {

    /** Told of each counter when it is created, e.g. to expose it as a meter. */
    @FunctionalInterface
    public interface CounterListener {
        /**
         * @param endpoint the endpoint, {@code Class#method}
         * @param counter what is counted: {@code leaders}, {@code followers}, {@code ran.anew}, {@code bypassed},
         *        {@code bytes.copied}
         * @param reason the reason of a {@code ran.anew} or {@code bypassed} counter, else {@code null}
         * @param count the counter
         */
        void created(String endpoint, String counter, String reason, LongAdder count);
    }

    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile CounterListener listener = (endpoint, counter, reason, count) -> {
    };

    /** @param listener told of every counter created from now on */
    public void listener(CounterListener listener) {
        this.listener = listener;
    }

    /** @return the counters of an endpoint, created on first use */
    public Endpoint of(String endpoint) {
        Endpoint known = endpoints.get(endpoint);
        return known != null ? known : endpoints.computeIfAbsent(endpoint, name -> new Endpoint(name, listener));
    }

    /** @return every endpoint seen so far, by name */
    public Map<String, Endpoint> all() {
        return new TreeMap<>(endpoints);
    }

    /** The counters of one endpoint. */
    public static final class Endpoint implements io.github.coalesce.CollapsedEndpoint {
        final String name;
        final CounterListener listener;
        final LongAdder leaders = new LongAdder();
        final LongAdder followers = new LongAdder();
        final LongAdder bytesCopied = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> ranAnew = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, LongAdder> bypassed = new ConcurrentHashMap<>();

        Endpoint(String name, CounterListener listener) {
            this.name = name;
            this.listener = listener;
            listener.created(name, "leaders", null, leaders);
            listener.created(name, "followers", null, followers);
            listener.created(name, "bytes.copied", null, bytesCopied);
        }

        /** @return requests that led a flight */
        @Override
        public long leaders() {
            return leaders.sum();
        }

        /** @return requests answered from a leader's response */
        @Override
        public long followers() {
            return followers.sum();
        }

        /** @return body bytes copied to followers */
        @Override
        public long bytesCopied() {
            return bytesCopied.sum();
        }

        /** @return requests that joined a flight but ran the method themselves, by reason */
        @Override
        public Map<String, Long> ranAnew() {
            return sums(ranAnew);
        }

        /** @return requests never collapsed, by reason */
        @Override
        public Map<String, Long> bypassed() {
            return sums(bypassed);
        }

        void ranAnew(String reason) {
            counter(ranAnew, "ran.anew", reason).increment();
        }

        void bypassed(String reason) {
            counter(bypassed, "bypassed", reason).increment();
        }

        private LongAdder counter(ConcurrentHashMap<String, LongAdder> counters, String kind, String reason) {
            LongAdder known = counters.get(reason);
            return known != null ? known : counters.computeIfAbsent(reason, r -> {
                LongAdder created = new LongAdder();
                listener.created(name, kind, r, created);
                return created;
            });
        }

        private static Map<String, Long> sums(Map<String, LongAdder> counters) {
            Map<String, Long> sums = new TreeMap<>();
            counters.forEach((reason, count) -> sums.put(reason, count.sum()));
            return sums;
        }
    }
}
