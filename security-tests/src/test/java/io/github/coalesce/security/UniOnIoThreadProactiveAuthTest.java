package io.github.coalesce.security;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Proactive authentication (the default): the identity is resolved before the endpoint runs. */
class UniOnIoThreadProactiveAuthTest extends UniOnIoThreadTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = application(true);
}
