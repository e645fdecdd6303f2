package io.github.coalesce.runtime.views;

import io.github.coalesce.ViewCounter;
import io.quarkus.arc.BeanCreator;
import io.quarkus.arc.SyntheticCreationalContext;

/** Creates the {@link ViewCounter} bean of one configured counter; the name comes as the {@code name} param. */
public class ViewCounterCreator implements BeanCreator<ViewCounter> {

    @Override
    public ViewCounter create(SyntheticCreationalContext<ViewCounter> context) {
        return context.getInjectedReference(ViewCounters.class).get((String) context.getParams().get("name"));
    }
}
