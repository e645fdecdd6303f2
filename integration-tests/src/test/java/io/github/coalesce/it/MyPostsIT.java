package io.github.coalesce.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The per-principal tests (two users' bursts never cross) against the packaged jar. */
@QuarkusIntegrationTest
class MyPostsIT extends MyPostsTest {
}
