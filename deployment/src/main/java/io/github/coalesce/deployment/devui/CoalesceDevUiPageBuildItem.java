package io.github.coalesce.deployment.devui;

import java.util.Map;

import io.quarkus.builder.item.MultiBuildItem;
import io.quarkus.devui.spi.page.PageBuilder;

/**
 * A page of the extension's Dev UI card, with the build-time data it reads. Quarkus keeps one
 * {@code CardPageBuildItem} per extension (a second one replaces the first, pages and data alike), so the processors
 * of the cluster tier and of HTTP collapsing hand their pages to {@link CoalesceDevUiProcessor}, which builds the one
 * card.
 */
public final class CoalesceDevUiPageBuildItem extends MultiBuildItem {

    private final int order;
    private final PageBuilder<?> page;
    private final Map<String, Object> buildTimeData;

    /**
     * @param order where the page goes among the card's pages (the methods page is 0)
     * @param page the page
     * @param buildTimeData what the page imports from {@code build-time-data}, by name
     */
    public CoalesceDevUiPageBuildItem(int order, PageBuilder<?> page, Map<String, Object> buildTimeData) {
        this.order = order;
        this.page = page;
        this.buildTimeData = Map.copyOf(buildTimeData);
    }

    int order() {
        return order;
    }

    PageBuilder<?> page() {
        return page;
    }

    Map<String, Object> buildTimeData() {
        return buildTimeData;
    }
}
