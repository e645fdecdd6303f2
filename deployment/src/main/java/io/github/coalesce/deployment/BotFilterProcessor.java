package io.github.coalesce.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;

/** The view counter's bot filter reads its crawler list from a resource, which a native image must include. */
public class BotFilterProcessor {

    /** Where {@code extension/refresh-bot-list.sh} writes the list, beside {@code runtime.views.BotFilter}. */
    static final String CRAWLER_LIST = "io/github/coalesce/runtime/views/crawler-user-agents.txt";

    /** @return the crawler list, as a resource of the native image */
    @BuildStep
    NativeImageResourceBuildItem crawlerList() {
        return new NativeImageResourceBuildItem(CRAWLER_LIST);
    }
}
