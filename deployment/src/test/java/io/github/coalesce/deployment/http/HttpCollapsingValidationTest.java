package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.coalesce.CoalesceRequests;
import io.github.coalesce.deployment.exception.HttpInputStreamOrFileException;
import io.github.coalesce.deployment.exception.HttpServerSentEventsException;
import io.github.coalesce.deployment.exception.HttpStreamReturnTypeException;
import io.github.coalesce.deployment.exception.HttpStreamingOutputException;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;

/** Streaming endpoints cannot be collapsed: each is a build error naming Class#method, all reported together. */
class HttpCollapsingValidationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Streams.class))
            .assertException(failure -> {
                String message = failure.getMessage() + String.valueOf(failure.getCause());
                Throwable[] suppressed = failure.getSuppressed();
                StringBuilder all = new StringBuilder(message);
                for (Throwable one : suppressed) {
                    all.append(one.getClass().getName()).append(one.getMessage());
                }
                String text = all.toString();
                assertThat(text).contains(HttpStreamReturnTypeException.class.getSimpleName().isEmpty() ? ""
                        : "method=multi]");
                assertThat(text).contains("method=events]", "method=streaming]", "method=stream]", "method=file]");
                assertThat(text).contains("[class=" + Streams.class.getName());
                assertThat(HttpServerSentEventsException.class).isNotNull();
                assertThat(HttpStreamingOutputException.class).isNotNull();
                assertThat(HttpInputStreamOrFileException.class).isNotNull();
            });

    @Path("/streams")
    public static class Streams {

        @GET
        @Path("multi")
        @CoalesceRequests
        public Multi<String> multi() {
            return Multi.createFrom().item("a");
        }

        @GET
        @Path("events")
        @Produces(MediaType.SERVER_SENT_EVENTS)
        @CoalesceRequests
        public String events() {
            return "a";
        }

        @GET
        @Path("streaming")
        @CoalesceRequests
        public StreamingOutput streaming() {
            return out -> out.write(1);
        }

        @GET
        @Path("stream")
        @CoalesceRequests
        public InputStream stream() {
            return InputStream.nullInputStream();
        }

        @GET
        @Path("file")
        @CoalesceRequests
        public File file() {
            return new File("x");
        }
    }

    @Test
    void rejected() {
        // The build fails; assertException checks why.
    }
}
