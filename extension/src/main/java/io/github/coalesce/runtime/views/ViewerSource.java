package io.github.coalesce.runtime.views;

import java.util.function.Supplier;

import io.github.coalesce.ViewCounter;

/** The viewer of the current request, or {@code null} outside one. */
public interface ViewerSource extends Supplier<ViewCounter.Viewer> {
}
