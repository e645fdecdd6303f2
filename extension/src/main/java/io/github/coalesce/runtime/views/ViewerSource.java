package io.github.coalesce.runtime.views;

import io.github.coalesce.ViewCounter;

/**
 * The viewer of the current request, or {@code null} outside one.
 * <p>
 * Internal: not part of the public API.
 */
public interface ViewerSource {

    /**
     * @param withId whether the counter needs the viewer's id (for its cooldown); without it the id stays {@code null}
     *        and is not worked out, since resolving the client address behind a proxy costs time on every request
     * @return the viewer, or {@code null} outside a request
     */
    ViewCounter.Viewer get(boolean withId);
}
