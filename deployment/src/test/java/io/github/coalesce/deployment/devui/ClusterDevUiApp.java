package io.github.coalesce.deployment.devui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.github.coalesce.Coalesce;

/** The dev-mode application of {@link ClusterDevUiTest}: a slow cluster-scoped method over HTTP. */
@Path("/")
@ApplicationScoped
public class ClusterDevUiApp {

    @Inject
    Site site;

    @GET
    @Path("site")
    public String site() throws InterruptedException {
        return site.summary();
    }

    @ApplicationScoped
    public static class Site {

        @Coalesce(name = "site", shareAcrossPrincipals = true, scope = Coalesce.Scope.CLUSTER)
        public String summary() throws InterruptedException {
            Thread.sleep(3_000);
            return "summary";
        }
    }
}
