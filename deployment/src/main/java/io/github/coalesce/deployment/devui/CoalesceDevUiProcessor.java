package io.github.coalesce.deployment.devui;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jboss.jandex.MethodInfo;

import io.github.coalesce.deployment.CoalescedMethodBuildItem;
import io.github.coalesce.runtime.dev.CoalesceJsonRpcService;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card: the {@code @Coalesce} methods found by the build (build-time data), live flights and counters per
 * group, and the view counters with a "flush now" action (both read through {@link CoalesceJsonRpcService}); then
 * the pages other processors contribute ({@link CoalesceDevUiPageBuildItem}: across instances, collapsed endpoints).
 */
class CoalesceDevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card(List<CoalescedMethodBuildItem> methods, Capabilities capabilities,
            List<CoalesceDevUiPageBuildItem> pages) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("methods", methods.stream().map(CoalesceDevUiProcessor::describe).toList());
        card.addPage(Page.webComponentPageBuilder()
                .title("Coalesced methods")
                .icon("font-awesome-solid:code-merge")
                .componentLink("qwc-coalesce-methods.js")
                .staticLabel(String.valueOf(methods.size())));
        if (capabilities.isPresent(Capability.AGROAL)) {
            card.addPage(Page.webComponentPageBuilder()
                    .title("View counters")
                    .icon("font-awesome-solid:eye")
                    .componentLink("qwc-coalesce-view-counters.js"));
        }
        pages.stream().sorted(Comparator.comparingInt(CoalesceDevUiPageBuildItem::order)).forEach(page -> {
            page.buildTimeData().forEach(card::addBuildTimeData);
            card.addPage(page.page());
        });
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(CoalesceJsonRpcService.class);
    }

    /** One row of the methods table: what the build decided for the method, as strings for the page. */
    private static Map<String, String> describe(CoalescedMethodBuildItem item) {
        MethodInfo method = item.method();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("bean", method.declaringClass().name().withoutPackagePrefix());
        row.put("method", method.name() + "(" + method.parameterTypes().stream()
                .map(type -> type.name().withoutPackagePrefix()).collect(Collectors.joining(", ")) + ")");
        row.put("returns", method.returnType().name().withoutPackagePrefix());
        row.put("group", item.group());
        row.put("key", key(item));
        row.put("maxWait", orDefault(item.setting("maxWait")));
        row.put("onMaxWait", item.setting("onMaxWait").isEmpty() ? "default" : item.setting("onMaxWait"));
        row.put("maxAge", orDefault(item.setting("maxAge")));
        return row;
    }

    private static String key(CoalescedMethodBuildItem item) {
        if (item.keyGenerator() != null) {
            return "generator " + item.keyGenerator().withoutPackagePrefix();
        }
        MethodInfo method = item.method();
        short[] positions = item.keyParameters();
        IntStream indexes = positions.length == 0 ? IntStream.range(0, method.parametersCount())
                : IntStream.range(0, positions.length).map(i -> positions[i]);
        String names = indexes.mapToObj(i -> method.parameterName(i) == null ? "#" + i : method.parameterName(i))
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(no parameters: one flight at a time)" : names;
    }

    private static String orDefault(String value) {
        return value.isEmpty() ? "default" : value;
    }
}
