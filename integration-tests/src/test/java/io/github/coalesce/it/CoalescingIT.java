package io.github.coalesce.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same coalescing tests against the packaged jar. */
@QuarkusIntegrationTest
class CoalescingIT extends CoalescingTest {
}
