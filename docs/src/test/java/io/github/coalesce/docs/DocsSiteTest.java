package io.github.coalesce.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.LogHandler;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every page of the site as Antora would lay it out (modules/ROOT/pages, includes relative to the page,
 * images from modules/ROOT/assets/images, the attributes of antora.yml) and fails on what a reader would find broken:
 * a warning or error of Asciidoctor (an include that is not there, a missing attribute, a duplicate id), a
 * cross-reference to a page or anchor that does not exist, a link to a repository file that does not exist, an image
 * that is not there, and a page the navigation does not list; and the links of the README files into the site and
 * the repository. The pages it rendered are left in target/site.
 */
class DocsSiteTest {

    private static final Path MODULE = Path.of("modules/ROOT");
    private static final Path PAGES = MODULE.resolve("pages");
    private static final Path IMAGES = MODULE.resolve("assets/images");
    /** Where the rendered pages go, to be looked at (without Antora's UI). */
    private static final Path SITE = Path.of("target/site");
    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"]*)\"");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]*)\"");
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern NAV_XREF = Pattern.compile("xref:([^\\[#]+)(#[^\\[]*)?\\[");

    private static Asciidoctor asciidoctor;
    private static final Map<String, String> HTML = new LinkedHashMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void renderEveryPage() throws IOException {
        asciidoctor = Asciidoctor.Factory.create();
        var attributes = Attributes.builder().attribute("attribute-missing", "warn")
                .attribute("imagesdir", IMAGES.toAbsolutePath().toString());
        AntoraDescriptor.read(Path.of("antora.yml")).attributes().forEach(attributes::attribute);
        for (Path page : pages()) {
            String name = page.getFileName().toString();
            LogHandler handler = record -> {
                if (record.getSeverity().compareTo(Severity.WARN) >= 0) {
                    PROBLEMS.add(name + ": " + record.getSeverity() + " " + record.getMessage() + where(record));
                }
            };
            asciidoctor.registerLogHandler(handler);
            try {
                String html = asciidoctor.convertFile(page.toFile(), Options.builder().safe(SafeMode.UNSAFE)
                        .toFile(false).attributes(attributes.build()).build());
                HTML.put(name, html);
                Files.createDirectories(SITE);
                Files.writeString(SITE.resolve(name.replace(".adoc", ".html")), html);
            } finally {
                asciidoctor.unregisterLogHandler(handler);
            }
        }
    }

    @AfterAll
    static void close() {
        asciidoctor.close();
    }

    @Test
    void everyPageRendersWithoutAWarning() {
        assertThat(HTML).as("pages").containsKeys("index.adoc", "config-reference.adoc");
        assertThat(PROBLEMS).as("Asciidoctor warnings and errors").isEmpty();
    }

    @Test
    void everyCrossReferenceAndLinkLeadsSomewhere() {
        List<String> broken = new ArrayList<>();
        HTML.forEach((page, html) -> {
            Matcher href = HREF.matcher(html);
            while (href.find()) {
                String target = href.group(1).replace("&amp;", "&");
                String problem = problem(page, target);
                if (problem != null) {
                    broken.add(page + " -> " + target + ": " + problem);
                }
            }
            Matcher img = IMG.matcher(html);
            while (img.find()) {
                if (!Files.isRegularFile(Path.of(img.group(1)))) {
                    broken.add(page + " -> image " + img.group(1) + ": no such file");
                }
            }
        });
        assertThat(broken).as("broken cross-references and links").isEmpty();
    }

    @Test
    void theNavigationListsEveryPageAndOnlyPagesThatExist() throws IOException {
        Set<String> listed = new TreeSet<>();
        Matcher xref = NAV_XREF.matcher(Files.readString(MODULE.resolve("nav.adoc")));
        while (xref.find()) {
            listed.add(xref.group(1));
        }
        assertThat(listed).as("pages in nav.adoc").isEqualTo(new TreeSet<>(HTML.keySet()));
    }

    @Test
    void theMarkdownFilesLinkToPagesAnchorsAndFilesThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String markdown : List.of("README.md", "CONTRIBUTING.md", "sample-app/README.md", "benchmarks/README.md")) {
            Path file = REPO.resolve(markdown);
            Matcher link = MARKDOWN_LINK.matcher(Files.readString(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue;
                }
                int hash = target.indexOf('#');
                Path path = file.getParent().resolve(hash < 0 ? target : target.substring(0, hash)).normalize();
                if (!Files.exists(path)) {
                    broken.add(markdown + " -> " + target + ": no such file");
                } else if (hash >= 0 && path.startsWith(PAGES.toAbsolutePath())
                        && !ids(HTML.get(path.getFileName().toString())).contains(target.substring(hash + 1))) {
                    broken.add(markdown + " -> " + target + ": no such anchor");
                }
            }
        }
        assertThat(broken).as("broken links from the Markdown files into the site and the repository").isEmpty();
    }

    /** Why a link from a page does not lead anywhere, or null when it does. */
    private static String problem(String page, String target) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null; // http(s), mailto: outside the repository, not fetched by the build
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        String targetPage = page;
        if (path.endsWith(".html") && !path.contains("/")) {
            targetPage = path.substring(0, path.length() - ".html".length()) + ".adoc";
            if (!HTML.containsKey(targetPage)) {
                return "no page " + targetPage;
            }
        } else if (!path.isEmpty()) {
            return Files.exists(PAGES.resolve(path).normalize()) ? null
                    : "no file " + REPO.relativize(PAGES.resolve(path).toAbsolutePath().normalize());
        }
        if (anchor != null && !anchor.isEmpty() && !ids(HTML.get(targetPage)).contains(anchor)) {
            return "no anchor #" + anchor + " in " + targetPage;
        }
        return null;
    }

    private static Set<String> ids(String html) {
        Set<String> ids = new TreeSet<>();
        Matcher id = ID.matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(PAGES)) {
            return files.filter(file -> file.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    private static String where(LogRecord record) {
        return record.getCursor() == null ? ""
                : " (" + record.getCursor().getFile() + ":" + record.getCursor()
                        .getLineNumber() + ")";
    }
}
