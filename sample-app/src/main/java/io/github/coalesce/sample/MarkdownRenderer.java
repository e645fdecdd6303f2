package io.github.coalesce.sample;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

import io.quarkus.qute.RawString;

/**
 * Markdown to HTML for the post page. Raw HTML in a post is escaped (shown as text), link URLs are sanitised, and
 * headings get the same anchors as the metadata's table of contents.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> new HeadingAnchors())
            .build();

    public RawString render(String markdown) {
        return new RawString(renderer.render(parser.parse(markdown)));
    }

    private static final class HeadingAnchors implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading heading) {
                StringBuilder text = new StringBuilder();
                for (Node child = heading.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof Text literal) {
                        text.append(literal.getLiteral());
                    }
                }
                attributes.put("id", Markdown.anchor(text.toString()));
            }
        }
    }

}
