package dev.secureapi.test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public types of a module are exactly the ones its reference page lists under
 * "Public API": a type made public without being documented there, or documented but no
 * longer public, fails the build. Everything else is package-private, so users cannot
 * come to depend on it. Each starter extends this with one of its classes and its page.
 */
public abstract class AbstractPublicApiTests {

	private static final Pattern LISTED_TYPE = Pattern.compile("`(dev\\.secureapi\\.[a-z0-9.]+\\.[A-Z][A-Za-z0-9]*)`");

	private final Class<?> moduleClass;

	private final String page;

	/**
	 * Creates the tests for one module.
	 * @param moduleClass any main class of the module, to find its compiled classes
	 * @param page the module's reference page, relative to {@code docs/}, with a "Public
	 * API" section
	 */
	protected AbstractPublicApiTests(Class<?> moduleClass, String page) {
		this.moduleClass = moduleClass;
		this.page = page;
	}

	@Test
	void thePublicTypesAreExactlyTheOnesThePageListsAsPublicApi() throws Exception {
		assertThat(publicTypes()).containsExactlyInAnyOrderElementsOf(listedTypes());
	}

	private List<String> publicTypes() throws IOException, ClassNotFoundException {
		Path classes = Path.of(this.moduleClass.getProtectionDomain().getCodeSource().getLocation().getPath());
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String relative = classes.relativize(file).toString();
				if (relative.contains("$") || relative.endsWith("package-info.class")) {
					continue;
				}
				String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
				Class<?> type = Class.forName(name, false, this.moduleClass.getClassLoader());
				if (Modifier.isPublic(type.getModifiers())) {
					names.add(name);
				}
			}
		}
		return names;
	}

	private List<String> listedTypes() throws IOException {
		String text = PropertiesDocumentation.read(this.page);
		int start = text.indexOf("\n## Public API");
		assertThat(start).as("a '## Public API' section in docs/%s", this.page).isNotNegative();
		int end = text.indexOf("\n## ", start + 1);
		Matcher matcher = LISTED_TYPE.matcher(text.substring(start, (end < 0) ? text.length() : end));
		TreeSet<String> names = new TreeSet<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return new ArrayList<>(names);
	}

}
