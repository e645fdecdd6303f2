package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

import io.github.coalesce.Coalesce;
import io.github.coalesce.deployment.exception.ClusterWithoutRedisException;
import io.smallrye.mutiny.Uni;

/**
 * The cluster rules on a Jandex index: {@code CLUSTER} without the Redis extension (which a test application here
 * cannot lack, the extension being on this module's class path) and the canonical type names passed to Jackson.
 */
class ClusterRulesTest {

    record Post(long id, String title) {
    }

    static class Methods {
        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Uni<List<Post>> posts() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public Map<String, Optional<Post>> byTitle() {
            return null;
        }

        @Coalesce(scope = Coalesce.Scope.CLUSTER)
        public int count() {
            return 0;
        }

        @Coalesce
        public Post defaulted() {
            return null;
        }
    }

    private static final Index INDEX = index();

    private static Index index() {
        try {
            return Index.of(Methods.class, Post.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String check(ClusterRules rules, String name, List<Throwable> errors) {
        MethodInfo method = INDEX.getClassByName(Methods.class).firstMethod(name);
        AnnotationInstance coalesce = method.annotation(CoalescedMethodScanner.COALESCE);
        return rules.check(method, coalesce, errors);
    }

    @Test
    void clusterWithoutTheRedisExtensionIsAnErrorNamingTheMethod() {
        List<Throwable> errors = new ArrayList<>();
        assertThat(check(new ClusterRules(INDEX, false, false), "posts", errors)).isNull();
        assertThat(errors).singleElement().isInstanceOf(ClusterWithoutRedisException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("quarkus-redis-client", "[class=" + Methods.class.getName() + ", method=posts]");
    }

    @Test
    void theGenericResultTypeIsPassedOnAsJacksonsCanonicalName() {
        ClusterRules rules = new ClusterRules(INDEX, true, false);
        List<Throwable> errors = new ArrayList<>();
        assertThat(check(rules, "posts", errors)).isEqualTo("java.util.List<" + Post.class.getName() + ">");
        assertThat(check(rules, "byTitle", errors))
                .isEqualTo("java.util.Map<java.lang.String,java.util.Optional<" + Post.class.getName() + ">>");
        assertThat(check(rules, "count", errors)).isEqualTo("int");
        assertThat(errors).isEmpty();
        assertThat(Post.class.getName()).contains("$");
    }

    @Test
    void theDefaultScopeComesFromTheConfiguration() {
        List<Throwable> errors = new ArrayList<>();
        assertThat(check(new ClusterRules(INDEX, true, false), "defaulted", errors)).isNull();
        assertThat(check(new ClusterRules(INDEX, true, true), "defaulted", errors)).isEqualTo(Post.class.getName());
        assertThat(errors).isEmpty();
    }
}
