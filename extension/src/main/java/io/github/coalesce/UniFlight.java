package io.github.coalesce;

import io.smallrye.mutiny.subscription.Cancellable;

/** A flight whose leader subscribed to a {@code Uni}: the subscription is cancelled when every subscriber left. */
final class UniFlight extends Flight {

    volatile Cancellable upstream;
    volatile boolean abandoned;

    UniFlight(Object key, FlightObserver observer, boolean clocked) {
        super(key, observer, clocked);
    }

    @Override
    void cancelUpstream() {
        abandoned = true;
        Cancellable subscription = upstream;
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
