package io.github.coalesce.sample;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.github.coalesce.Coalesce;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * An author's dashboard. The method takes no argument and reads who asks from the {@link SecurityIdentity}: exactly
 * the kind of result that must never be shared between users. {@code @Coalesce} keys it by principal (the default
 * when the application has Quarkus Security), so a burst of alice's requests shares one execution, and bob's another:
 * on every instance, since the principal is part of the cluster key too.
 */
@ApplicationScoped
public class MyPostsService {

    @Inject
    SecurityIdentity caller;

    @Inject
    EntityManager entityManager;

    /** Like {@code blog.metadata.extra-cost}: a stand-in for an expensive aggregation, 0 in production. */
    @ConfigProperty(name = "blog.my-posts.extra-cost", defaultValue = "0ms")
    Duration extraCost;

    @Coalesce(name = "my-posts", scope = Coalesce.Scope.CLUSTER)
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 100)
    @RetryWhen(exception = TransientDatabaseError.class)
    public MyPosts mine() {
        String author = caller.getPrincipal().getName();
        return QuarkusTransaction.requiringNew().call(() -> load(author));
    }

    private MyPosts load(String author) {
        if (!extraCost.isZero()) {
            entityManager.createNativeQuery("SELECT pg_sleep(?1)").setParameter(1, extraCost.toMillis() / 1000.0)
                    .getSingleResult();
        }
        List<PostSummary> posts = Post.<Post> find("author", Sort.descending("createdAt").and("id",
                Sort.Direction.Descending), author).stream().map(PostSummary::of).toList();
        return new MyPosts(author, posts.stream().mapToLong(PostSummary::views).sum(), posts,
                OffsetDateTime.now());
    }
}
