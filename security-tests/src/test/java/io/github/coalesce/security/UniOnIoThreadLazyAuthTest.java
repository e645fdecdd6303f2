package io.github.coalesce.security;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.http.auth.proactive=false}: the identity is resolved only when the interceptor asks for it. */
class UniOnIoThreadLazyAuthTest extends UniOnIoThreadTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = application(false);
}
