package io.github.coalesce.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged jar. */
@QuarkusIntegrationTest
class PostApiIT extends PostApiTest {
}
