package io.github.coalesce.deployment.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

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
                // One suppressed error per broken endpoint, each of its own rule's class, naming Class#method.
                Map<String, String> rules = new TreeMap<>();
                for (Throwable error : failure.getSuppressed()) {
                    assertThat(error.getMessage()).contains("[class=" + Streams.class.getName());
                    rules.put(error.getMessage().replaceAll("(?s).*method=([a-z]+)].*", "$1"),
                            error.getClass().getSimpleName());
                }
                assertThat(rules).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "multi", HttpStreamReturnTypeException.class.getSimpleName(),
                        "events", HttpServerSentEventsException.class.getSimpleName(),
                        "streaming", HttpStreamingOutputException.class.getSimpleName(),
                        "stream", HttpInputStreamOrFileException.class.getSimpleName(),
                        "file", HttpInputStreamOrFileException.class.getSimpleName()));
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
