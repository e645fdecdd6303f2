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
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * Metadata endpoints get hit in bursts (a link shared on a forum, feed readers polling), so each computation is
 * coalesced: concurrent callers share one execution. Fault tolerance runs inside it: one timeout and one retry loop
 * per execution, not per caller, and each attempt in a transaction of its own.
 */
@ApplicationScoped
public class MetadataService {

    @Inject
    EntityManager entityManager;

    @Inject
    PostService posts;

    /**
     * Database time added to each computation (a {@code pg_sleep} in its transaction), standing in for an expensive
     * aggregation so that a person trying the demo sees bursts share one execution. 0 in production.
     */
    @ConfigProperty(name = "blog.metadata.extra-cost", defaultValue = "0ms")
    Duration extraCost;

    @Coalesce(name = "post-metadata", shareAcrossPrincipals = true) // public: the same for every reader
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @RetryWhen(exception = TransientDatabaseError.class)
    public PostMetadata post(long id) {
        return QuarkusTransaction.requiringNew().call(() -> computePost(id));
    }

    // Site-wide, the same for everyone: one execution for the whole cluster (local-only without Redis hosts).
    @Coalesce(name = "site-metadata", shareAcrossPrincipals = true, scope = Coalesce.Scope.CLUSTER)
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @RetryWhen(exception = TransientDatabaseError.class)
    public SiteMetadata site() {
        return QuarkusTransaction.requiringNew().call(this::computeSite);
    }

    private PostMetadata computePost(long id) {
        PostView post = posts.find(id);
        spendExtraCost();
        int words = Markdown.words(post.body());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT p.id, p.title, count(*) AS shared
                FROM post_tag mine
                JOIN post_tag other ON other.tag = mine.tag AND other.post_id <> mine.post_id
                JOIN post p ON p.id = other.post_id
                WHERE mine.post_id = ?1
                GROUP BY p.id, p.title, p.created_at
                ORDER BY shared DESC, p.created_at DESC
                LIMIT 5""").setParameter(1, id).getResultList();
        List<PostMetadata.Related> related = rows.stream()
                .map(row -> new PostMetadata.Related(((Number) row[0]).longValue(), (String) row[1],
                        ((Number) row[2]).intValue()))
                .toList();
        return new PostMetadata(post.id(), post.title(), words, Markdown.readingMinutes(words),
                Markdown.headings(post.body()), post.tags(), related, post.views(), OffsetDateTime.now());
    }

    private SiteMetadata computeSite() {
        spendExtraCost();
        Object[] totals = (Object[]) entityManager
                .createNativeQuery("SELECT count(*), coalesce(sum(views), 0) FROM post").getSingleResult();
        return new SiteMetadata(((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(),
                ranked("ORDER BY views DESC, id"), ranked("ORDER BY created_at DESC, id DESC"), tagCounts(),
                OffsetDateTime.now());
    }

    private List<SiteMetadata.Ranked> ranked(String order) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("SELECT id, title, views, created_at FROM post " + order + " LIMIT 5")
                .getResultList();
        return rows.stream()
                .map(row -> new SiteMetadata.Ranked(((Number) row[0]).longValue(), (String) row[1],
                        ((Number) row[2]).longValue(), toOffsetDateTime(row[3])))
                .toList();
    }

    private List<SiteMetadata.TagCount> tagCounts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("SELECT tag, count(*) FROM post_tag GROUP BY tag ORDER BY count(*) DESC, tag")
                .getResultList();
        return rows.stream()
                .map(row -> new SiteMetadata.TagCount((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    private void spendExtraCost() {
        if (!extraCost.isZero()) {
            entityManager.createNativeQuery("SELECT pg_sleep(?1)").setParameter(1, extraCost.toMillis() / 1000.0)
                    .getSingleResult();
        }
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
