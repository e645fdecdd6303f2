package io.github.coalesce.runtime.http;

import java.util.Set;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Hands the endpoints selected by {@code quarkus.coalesce.http.paths} to the run time: Quarkus REST binds filters
 * through annotations in the class files only, so these endpoints, which have none, are recognised by name.
 * <p>
 * Internal: not part of the public API.
 */
@Recorder
public class HttpCollapsingRecorder {

    /**
     * @param methods the selected resource methods, as {@link HttpCollapsing#methodId} names them
     */
    public void selectByPath(Set<String> methods) {
        HttpCollapsing.selectByPath(methods);
    }
}
