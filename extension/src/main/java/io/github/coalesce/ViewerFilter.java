package io.github.coalesce;

/**
 * Decides which viewers' views a {@link ViewCounter} ignores as a bot's. An application bean implementing it replaces
 * the extension's built-in check (its crawler list and generic rules, {@code quarkus.coalesce.view-counter.bots.*})
 * for every counter whose {@code bot-filter} is on; ignored views are counted in
 * {@link ViewCounterStats#botFiltered()}.
 * <p>
 * It runs on the request path of every view, on the caller's thread: keep it fast and non-blocking.
 */
@FunctionalInterface
public interface ViewerFilter {

    /**
     * @param viewer who is viewing: its User-Agent ({@code null} when the request had none) and, when the counter
     *        needs it, its id
     * @return whether the view is a bot's and is not counted
     */
    boolean isBot(ViewCounter.Viewer viewer);
}
