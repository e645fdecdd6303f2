package io.github.coalesce.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.coalesce.Coalesce;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Posts by tag: the same for every reader, so one execution per filter for the whole cluster. */
@ApplicationScoped
public class TaggedPostsService {

    @Inject
    EntityManager entityManager;

    /** Like {@code blog.metadata.extra-cost}: a stand-in for an expensive search, 0 in production. */
    @ConfigProperty(name = "blog.tagged.extra-cost", defaultValue = "0ms")
    Duration extraCost;

    @Coalesce(name = "tagged-posts", shareAcrossPrincipals = true, scope = Coalesce.Scope.CLUSTER)
    public TaggedPosts tagged(TagFilter filter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!extraCost.isZero()) {
                entityManager.createNativeQuery("SELECT pg_sleep(?1)").setParameter(1, extraCost.toMillis() / 1000.0)
                        .getSingleResult();
            }
            List<PostSummary> posts = Post.<Post> find("id in (select p.id from Post p join p.tags t where t in ?1)",
                    Sort.descending("createdAt").and("id", Sort.Direction.Descending), filter.tags())
                    .page(Page.ofSize(filter.limit())).stream().map(PostSummary::of).toList();
            return new TaggedPosts(filter, posts, OffsetDateTime.now());
        });
    }
}
