package io.github.coalesce;

import java.util.List;
import java.util.Optional;

/**
 * The flight groups of the application's {@code @Coalesce} methods, as the build found them, with what each has
 * done so far. A read-only bean: inject it to show or check coalescing (headers, a status page, a test). Every group
 * exists from start, before its methods are called; nothing here creates one.
 */
public interface FlightGroups {

    /** @return the groups, sorted by name */
    List<FlightGroup> all();

    /**
     * @param name a group's name: {@code @Coalesce(name = …)}, or {@code declaring.Class#method(ParamType,…)}
     * @return the group, or empty when the build found no {@code @Coalesce} method in a group of that name
     */
    Optional<FlightGroup> group(String name);
}
