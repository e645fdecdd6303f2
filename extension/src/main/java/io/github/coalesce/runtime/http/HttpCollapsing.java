package io.github.coalesce.runtime.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

import io.github.coalesce.CoalesceRequests;
import io.vertx.core.Vertx;

/**
 * Request collapsing as the REST layer uses it: the flights, the sharing rules and the counters, with the request key
 * and the eligibility of a request worked out from the configuration. The filters are thin layers over this.
 * <p>
 * Internal: not part of the public API.
 */
@ApplicationScoped
public class HttpCollapsing implements io.github.coalesce.CollapsedEndpoints {

    /** Request headers that make a request ineligible, with the reason counted and reported. */
    private static final String[][] NEVER_COLLAPSED = {
            { "range", "range" }, { "if-range", "range" }, { "if-none-match", "conditional" },
            { "if-modified-since", "conditional" }, { "if-match", "conditional" },
            { "if-unmodified-since", "conditional" }, { "upgrade", "upgrade" } };

    /** Resource methods selected by path at build time, which carry no annotation (see the recorder). */
    private static volatile Set<String> selectedByPath = Set.of();

    private final RequestFlights flights = new RequestFlights();
    private final HttpCollapsingStats stats = new HttpCollapsingStats();
    private final Map<ResteasyReactiveResourceInfo, Endpoint> endpoints = new ConcurrentHashMap<>();
    private HttpCollapsingConfig config;
    private Vertx vertx;
    private SharingRules rules;
    private List<String> keyHeaders;

    /**
     * Application-scoped, so that the filters (created while Quarkus REST is set up, before the run-time
     * configuration exists) hold a proxy, and this is built from the configuration on first use.
     *
     * @param config {@code quarkus.coalesce.http.*}
     * @param vertx the timers of waiting followers
     */
    @Inject
    void configure(HttpCollapsingConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.keyHeaders = List.copyOf(config.key().headers());
        this.rules = new SharingRules(new HashSet<>(config.sharedStatuses()), keyHeaders,
                config.excludedHeaders().orElse(List.of()), config.maxBodySize().asLongValue());
    }

    /**
     * A resource method as the filters need it.
     *
     * @param selected whether it is collapsed: annotated, or selected by path (the filters then run for every
     *        endpoint, see {@code HttpCollapsingProcessor})
     */
    record Endpoint(String name, boolean keyedByPrincipal, boolean selected) {
    }

    static void selectByPath(Set<String> methods) {
        selectedByPath = Set.copyOf(methods);
    }

    /**
     * @return the name a build-time selection gives {@code method} of {@code resourceClass}: class, method and
     *         parameter types, as {@code com.example.Posts#get(long,java.lang.String)}
     */
    public static String methodId(String resourceClass, String method, List<String> parameterTypes) {
        return resourceClass + "#" + method + "(" + String.join(",", parameterTypes) + ")";
    }

    /** @return the configuration */
    public HttpCollapsingConfig config() {
        return config;
    }

    /** @return the flights running now */
    public RequestFlights flights() {
        return flights;
    }

    /** @return the counters */
    @Override
    public java.util.Map<String, io.github.coalesce.CollapsedEndpoint> all() {
        return java.util.Collections.unmodifiableMap(stats().all());
    }

    public HttpCollapsingStats stats() {
        return stats;
    }

    /** @return Vert.x, for the followers' timers */
    public Vertx vertx() {
        return vertx;
    }

    SharingRules rules() {
        return rules;
    }

    Duration maxAge() {
        return config.maxAge().orElse(null);
    }

    Endpoint endpoint(ResteasyReactiveResourceInfo info) {
        Endpoint known = endpoints.get(info);
        return known != null ? known : endpoints.computeIfAbsent(info, this::describe);
    }

    private Endpoint describe(ResteasyReactiveResourceInfo info) {
        CoalesceRequests annotation = info.getResourceMethod() == null ? null
                : info.getResourceMethod().getAnnotation(CoalesceRequests.class);
        if (annotation == null) {
            annotation = info.getResourceClass().getAnnotation(CoalesceRequests.class);
        }
        boolean selected = annotation != null || selectedByPath.contains(methodId(info.getResourceClass().getName(),
                info.getName(), Arrays.stream(info.getParameterTypes()).map(Class::getName).toList()));
        CoalesceRequests.Identity identity = annotation == null ? CoalesceRequests.Identity.DEFAULT
                : annotation.identity();
        boolean byPrincipal = identity == CoalesceRequests.Identity.DEFAULT
                ? config.identity() == HttpCollapsingConfig.IdentityMode.PRINCIPAL
                : identity == CoalesceRequests.Identity.PRINCIPAL;
        return new Endpoint(info.getResourceClass().getName() + "#" + info.getName(), byPrincipal, selected);
    }

    /**
     * @param request the request
     * @param principal the name of the caller's principal, or {@code null} when the application recognised none
     * @return why the request is never collapsed, or {@code null} when it may be
     */
    String ineligible(ServerHttpRequest request, String method, Endpoint endpoint, String principal) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return "method";
        }
        String length = request.getRequestHeader("content-length");
        if ((length != null && !length.equals("0")) || request.containsRequestHeader("transfer-encoding")) {
            return "body";
        }
        for (String[] header : NEVER_COLLAPSED) {
            if (request.containsRequestHeader(header[0])) {
                return header[1];
            }
        }
        for (String accept : request.getAllRequestHeaders("accept")) {
            if (accept.contains("text/event-stream")) {
                return "event-stream";
            }
        }
        if (endpoint.keyedByPrincipal() && principal == null
                && (request.containsRequestHeader("authorization") || request.containsRequestHeader("cookie"))) {
            return "credentials";
        }
        return null;
    }

    /** The key of an eligible request; {@code HEAD} looks for the {@code GET} flight. */
    RequestKey key(ServerHttpRequest request, Endpoint endpoint, String principal) {
        List<String> values = new ArrayList<>(keyHeaders.size());
        for (String name : keyHeaders) {
            List<String> all = request.getAllRequestHeaders(name);
            values.add(all == null || all.isEmpty() ? null : String.join(",", all));
        }
        String query = request.query() == null ? "" : request.query();
        if (config.key().sortQuery() && query.indexOf('&') >= 0) {
            String[] parameters = query.split("&");
            Arrays.sort(parameters);
            query = String.join("&", parameters);
        }
        return new RequestKey("GET", request.getRequestScheme(), request.getRequestHostAndPort(),
                request.getRequestNormalisedPath(), query, endpoint.name(), values,
                endpoint.keyedByPrincipal() ? (principal == null ? "" : principal) : null);
    }
}
