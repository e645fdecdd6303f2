package io.github.coalesce.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.coalesce.runtime.FlightGroupRegistry;
import io.github.coalesce.runtime.dev.ClusterJsonRpcService;
import io.github.coalesce.runtime.dev.CoalesceJsonRpcService;
import io.github.coalesce.runtime.dev.HttpCollapsingJsonRpcService;

/**
 * What the build wrote into quarkus-coalesce's extension descriptor: the capability it provides, the dev-mode-only
 * artifact that carries the Dev UI's JSON-RPC services (which the runtime artifact itself no longer holds), and the
 * catalogue metadata.
 */
class ExtensionDescriptorTest {

    @Test
    void theRuntimeArtifactProvidesACapabilityAndNamesItsDevArtifact() throws IOException {
        Properties descriptor = ours();
        assertThat(descriptor.getProperty("provides-capabilities")).isEqualTo("io.github.coalesce");
        assertThat(descriptor.getProperty("conditional-dev-dependencies"))
                .startsWith("io.github.coalesce:quarkus-coalesce-dev::jar:");
    }

    @Test
    void theJsonRpcServicesLiveOutsideTheRuntimeArtifact() {
        String runtime = root(FlightGroupRegistry.class);
        for (Class<?> service : new Class<?>[] { CoalesceJsonRpcService.class, ClusterJsonRpcService.class,
                HttpCollapsingJsonRpcService.class }) {
            assertThat(root(service)).as(service.getSimpleName()).isNotEqualTo(runtime);
        }
    }

    @Test
    void theCatalogueMetadataIsFilledIn() throws IOException {
        String yaml = new String(resourceNextTo(FlightGroupRegistry.class, "META-INF/quarkus-extension.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yaml).contains("categories:\n  - \"data\"\n  - \"web\"", "config:\n  - \"quarkus.coalesce.\"",
                "guide: \"https://", "docs/modules/ROOT/pages/index.adoc\"",
                "capabilities:\n    provides:\n    - \"io.github.coalesce\"");
        // One line of text: the descriptor's YAML writer folds a long one, escaping the space where it breaks.
        assertThat(yaml.replaceAll("\\\\\n\\s*\\\\ ", " ")).containsPattern("description: \"[^\"\\n]{20,}\"\n");
    }

    private static Properties ours() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = resourceNextTo(FlightGroupRegistry.class, "META-INF/quarkus-extension.properties")) {
            descriptor.load(in);
        }
        assertThat(descriptor.getProperty("deployment-artifact")).startsWith("io.github.coalesce:quarkus-coalesce-deployment:");
        return descriptor;
    }

    /** @return the resource of that name in the same jar (or classes directory) as the class */
    private static InputStream resourceNextTo(Class<?> type, String name) throws IOException {
        String root = root(type);
        for (URL url : Collections.list(ExtensionDescriptorTest.class.getClassLoader().getResources(name))) {
            if (url.toString().startsWith(root) || url.toString().startsWith("jar:" + root)) {
                return url.openStream();
            }
        }
        throw new IllegalStateException("No " + name + " beside " + type.getName() + " (" + root + ")");
    }

    /** @return where the class was loaded from: its jar or classes directory */
    private static String root(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (java.net.URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
