package io.github.coalesce.runtime.views;

import io.github.coalesce.ViewCounter;

/** The viewer of the current request, or {@code null} outside one. */
public interface ViewerSource {

    /**
     * @param withId whether the counter needs the viewer's id (for its cooldown); without it the id stays {@code null}
     *        and is not worked out: behind a proxy, the client address alone took 2 % of a request's CPU
     */
    ViewCounter.Viewer get(boolean withId);
}
