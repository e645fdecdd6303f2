package io.github.coalesce.runtime.views;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.coalesce.ViewCounter.Viewer;
import io.github.coalesce.ViewCounterOptions;
import io.github.coalesce.ViewerFilter;

/**
 * Decides whether a view counts, before it touches the pending map: not when the User-Agent is a crawler's (the bot
 * filter), not when the same viewer viewed the same id within the cooldown. In memory only, never blocks.
 */
final class ViewAdmission {

    /** What the admission decided. */
    enum Verdict {
        COUNTED,
        BOT,
        REPEATED
    }

    private record SeenKey(String viewer, long id) {

        @Override
        public int hashCode() {
            return PairHash.of(id, viewer);
        }
    }

    /** {@code null} when the bot filter is off. */
    private final ViewerFilter botFilter;
    /** The (viewer, id) pairs seen within the cooldown; {@code null} when the cooldown is zero. */
    private final Cache<SeenKey, Boolean> seen;

    ViewAdmission(ViewCounterOptions options) {
        this.botFilter = !options.botFilter() ? null
                : options.viewerFilter() != null ? options.viewerFilter() : BotFilter.defaults();
        this.seen = options.cooldown().isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(options.cooldown())
                        .maximumSize(options.maxCooldownEntries()).build();
    }

    /**
     * @param viewer who is viewing, or {@code null} when unknown (outside a request): then the view counts
     * @param id what is viewed
     * @return whether the view counts, or why not
     */
    Verdict admit(Viewer viewer, long id) {
        if (viewer == null) {
            return Verdict.COUNTED;
        }
        if (botFilter != null && botFilter.isBot(viewer)) {
            return Verdict.BOT;
        }
        if (seen != null && viewer.id() != null
                && seen.asMap().putIfAbsent(new SeenKey(viewer.id(), id), Boolean.TRUE) != null) {
            return Verdict.REPEATED;
        }
        return Verdict.COUNTED;
    }
}
