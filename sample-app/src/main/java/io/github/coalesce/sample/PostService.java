package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.github.coalesce.Coalesce;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.faulttolerance.api.RetryWhen;

/** Posts: the lookup is coalesced (a burst on one post reads it once); FT runs inside the leader's call. */
@ApplicationScoped
public class PostService {

    private static final int EXCERPT_LENGTH = 160;

    /**
     * The stored post, shared by every concurrent caller for the same id. Each attempt of {@code @Retry} runs in a
     * transaction of its own: {@code @Transactional} on this method would wrap the retries (its interceptor runs
     * outside Fault Tolerance's) and a retry would reuse the aborted transaction.
     */
    @Coalesce(name = "post", shareAcrossPrincipals = true) // a post is the same whoever reads it
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100)
    @RetryWhen(exception = TransientDatabaseError.class)
    public PostView find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Post post = Post.findById(id);
            if (post == null) {
                throw new NotFound(id);
            }
            return PostView.of(post);
        });
    }

    @Transactional
    public PostPage list(int page, int size) {
        List<Post> posts = Post.findAll(Sort.descending("createdAt").and("id", Sort.Direction.Descending))
                .page(Page.of(page, size)).list();
        List<PostSummary> summaries = posts.stream().map(PostSummary::of).toList();
        return new PostPage(page, size, Post.count(), summaries);
    }

    /** @param author the principal creating the post, who becomes its author */
    @Transactional
    public PostView create(PostInput input, String author) {
        Post post = new Post();
        post.author = author;
        apply(post, input);
        post.createdAt = post.updatedAt;
        post.persist();
        return PostView.of(post);
    }

    /** @param caller who asks: the post's author, or an admin; anyone else gets {@link Forbidden} */
    @Transactional
    public PostView update(long id, PostInput input, SecurityIdentity caller) {
        Post post = ownedPost(id, caller, "edit");
        apply(post, input);
        return PostView.of(post);
    }

    /** @param caller who asks: the post's author, or an admin; anyone else gets {@link Forbidden} */
    @Transactional
    public void delete(long id, SecurityIdentity caller) {
        ownedPost(id, caller, "delete").delete();
    }

    private static Post ownedPost(long id, SecurityIdentity caller, String action) {
        Post post = Post.findById(id);
        if (post == null) {
            throw new NotFound(id);
        }
        String name = caller.getPrincipal().getName();
        if (!post.author.equals(name) && !caller.hasRole(Roles.ADMIN)) {
            throw new Forbidden("only " + post.author + " (its author) or an admin may " + action + " post " + id
                    + ", not " + name);
        }
        return post;
    }

    private static void apply(Post post, PostInput input) {
        post.title = input.title().strip();
        post.body = input.body();
        post.tags = new LinkedHashSet<>(input.tags() == null ? List.of()
                : input.tags().stream().map(tag -> tag.strip().toLowerCase(java.util.Locale.ROOT)).toList());
        post.updatedAt = OffsetDateTime.now();
    }

    static String excerpt(String markdown) {
        String text = markdown.replaceAll("(?m)^#+\\s.*$", "").replaceAll("[#*_`>-]", "").replaceAll("\\s+", " ")
                .strip();
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH).strip() + "…";
    }
}
