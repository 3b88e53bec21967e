package dev.secureapi.example.user;

import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Sanitises a bio to a small HTML subset with the OWASP java-html-sanitizer: text
 * formatting, paragraphs, lists and links to http, https and mailto (which get
 * {@code rel="nofollow noopener noreferrer"}). Scripts, event handler attributes, styles
 * and any other URL scheme are removed.
 */
@Component
public class BioSanitizer {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("b", "i", "em", "strong", "u", "p", "br", "ul", "ol", "li", "code", "blockquote", "a")
		.allowUrlProtocols("http", "https", "mailto")
		.allowAttributes("href")
		.onElements("a")
		.requireRelsOnLinks("nofollow", "noopener", "noreferrer")
		.toFactory();

	/**
	 * Sanitises a bio.
	 * @param bio the submitted HTML
	 * @return the sanitised HTML, or {@code null} when the bio is absent or empty after
	 * sanitising
	 */
	public @Nullable String sanitize(@Nullable String bio) {
		if (bio == null) {
			return null;
		}
		String sanitized = POLICY.sanitize(bio).strip();
		return sanitized.isEmpty() ? null : sanitized;
	}

}
