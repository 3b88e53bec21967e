package dev.secureapi.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page under docs/ is reachable from docs/index.md, and every relative link in the
 * README and the docs points at a file that exists (and, with a fragment, at a heading
 * that exists).
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

	private final Path root = RepositoryFiles.root();

	@Test
	void everyPageUnderDocsIsLinkedFromTheIndex() throws IOException {
		Path docs = this.root.resolve("docs");
		List<Path> linked = links(docs.resolve("index.md")).stream()
			.map((link) -> docs.resolve(stripFragment(link)).normalize())
			.toList();
		List<Path> reachable = new ArrayList<>(linked);
		for (Path page : linked) {
			if (page.getFileName().toString().equals("index.md") && Files.isRegularFile(page)) {
				links(page).forEach((link) -> reachable.add(page.getParent().resolve(stripFragment(link)).normalize()));
			}
		}
		try (Stream<Path> pages = Files.walk(docs)) {
			assertThat(pages.filter((page) -> page.toString().endsWith(".md"))
				.filter((page) -> !page.equals(docs.resolve("index.md")))
				.filter((page) -> !reachable.contains(page.normalize()))
				.map(docs::relativize)
				.map(Path::toString)).isEmpty();
		}
	}

	@Test
	void everyRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : markdownFiles()) {
			for (String link : links(page)) {
				if (link.matches("^[a-z][a-z0-9+.-]*:.*")) {
					continue;
				}
				int hash = link.indexOf('#');
				String file = (hash >= 0) ? link.substring(0, hash) : link;
				Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				boolean ok = Files.exists(target) && (hash < 0 || !target.toString().endsWith(".md")
						|| anchors(target).contains(link.substring(hash + 1)));
				if (!ok) {
					broken.add(this.root.relativize(page) + " -> " + link);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	private List<Path> markdownFiles() throws IOException {
		List<Path> files = new ArrayList<>(List.of(this.root.resolve("README.md")));
		try (Stream<Path> pages = Files.walk(this.root.resolve("docs"))) {
			pages.filter((page) -> page.toString().endsWith(".md")).forEach(files::add);
		}
		return files;
	}

	private static List<String> links(Path page) throws IOException {
		String text = Files.readString(page, StandardCharsets.UTF_8).replaceAll("(?s)```.*?```", "");
		List<String> links = new ArrayList<>();
		Matcher matcher = LINK.matcher(text);
		while (matcher.find()) {
			links.add(matcher.group(1));
		}
		return links;
	}

	/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
	private static List<String> anchors(Path page) throws IOException {
		return Files.readAllLines(page, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith("#"))
			.map((line) -> line.replaceFirst("^#+\\s*", "")
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9 _-]", "")
				.replace(' ', '-'))
			.toList();
	}

	private static String stripFragment(String link) {
		int hash = link.indexOf('#');
		return (hash >= 0) ? link.substring(0, hash) : link;
	}

}
