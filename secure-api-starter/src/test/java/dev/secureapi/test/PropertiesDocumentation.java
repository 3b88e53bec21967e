package dev.secureapi.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a module's reference pages against the configuration metadata the Boot
 * configuration processor wrote for it, so the documented properties cannot drift from
 * the code: every {@code secure-api.*} property must have a description and appear on one
 * of the pages, and every property a page names in its tables must exist.
 */
public final class PropertiesDocumentation {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern TABLE_PROPERTY = Pattern.compile("^\\| `(secure-api\\.[a-z0-9.-]+)",
			Pattern.MULTILINE);

	private PropertiesDocumentation() {
	}

	/**
	 * The {@code secure-api.*} properties of the module whose classes are on the test
	 * class path.
	 * @param anyClassOfTheModule a class of the module, to find its metadata
	 * @return name and description of each property
	 * @throws IOException if the metadata cannot be read
	 */
	public static List<Property> properties(Class<?> anyClassOfTheModule) throws IOException {
		Path classes = Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().getPath());
		List<Property> properties = new ArrayList<>();
		try (InputStream in = Files.newInputStream(classes.resolve(METADATA))) {
			JsonNode metadata = JsonMapper.shared().readTree(in);
			for (JsonNode property : metadata.path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith("secure-api.")) {
					properties.add(new Property(name, property.path("description").asString("")));
				}
			}
		}
		return properties;
	}

	/**
	 * Reads documentation pages.
	 * @param pages paths relative to the repository's {@code docs/} folder
	 * @return their text, joined
	 * @throws IOException if a page cannot be read
	 */
	public static String read(String... pages) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String page : pages) {
			text.append(Files.readString(docs().resolve(page), StandardCharsets.UTF_8)).append('\n');
		}
		return text.toString();
	}

	/**
	 * The properties named in the first column of the pages' tables.
	 * @param text the pages' text
	 * @return the names, without list or map suffixes such as {@code [n].id}
	 */
	public static List<String> tableProperties(String text) {
		List<String> names = new ArrayList<>();
		Matcher matcher = TABLE_PROPERTY.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1).replaceAll("\\.$", ""));
		}
		return names;
	}

	/**
	 * Whether the pages document a property: its name, alone or with a list index or map
	 * key, in backticks.
	 * @param text the pages' text
	 * @param name the property name
	 * @return whether it is documented
	 */
	public static boolean documents(String text, String name) {
		return Pattern.compile("`" + Pattern.quote(name) + "(`|\\[|\\.<)").matcher(text).find();
	}

	/**
	 * Whether a name a page uses is a property of the module or a nested part of one.
	 * @param properties the module's properties
	 * @param documented the name the page uses
	 * @return whether it exists
	 */
	public static boolean exists(List<Property> properties, String documented) {
		return properties.stream()
			.anyMatch((property) -> documented.equals(property.name()) || documented.startsWith(property.name() + ".")
					|| documented.startsWith(property.name() + "["));
	}

	private static Path docs() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No docs/ folder above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve("docs");
	}

	/**
	 * A configuration property.
	 *
	 * @param name its name
	 * @param description its description, empty when it has none
	 */
	public record Property(String name, String description) {
	}

}
