package dev.secureapi.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value hints in a module's configuration metadata, with the type of the property
 * each names (the processor merges {@code additional-spring-configuration-metadata.json}
 * into the metadata it writes).
 */
public final class ValueHints {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private ValueHints() {
	}

	/**
	 * The hints of the module whose classes are on the test class path.
	 * @param anyClassOfTheModule a class of the module, to find its metadata
	 * @return each hint
	 * @throws IOException if the metadata cannot be read
	 */
	public static List<Hint> of(Class<?> anyClassOfTheModule) throws IOException {
		Path classes = Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().getPath());
		try (InputStream in = Files.newInputStream(classes.resolve(METADATA))) {
			JsonNode metadata = JsonMapper.shared().readTree(in);
			Map<String, String> types = new HashMap<>();
			for (JsonNode property : metadata.path("properties")) {
				types.put(property.path("name").asString(), property.path("type").asString(""));
			}
			List<Hint> hints = new ArrayList<>();
			for (JsonNode hint : metadata.path("hints")) {
				String name = hint.path("name").asString();
				List<String> values = new ArrayList<>();
				hint.path("values").forEach((value) -> values.add(value.path("value").asString()));
				hints.add(new Hint(name, types.get(name), values));
			}
			return hints;
		}
	}

	/**
	 * A value hint.
	 *
	 * @param property the property it is for
	 * @param type the property's type as the metadata names it, {@code null} when the
	 * metadata has no such property (list elements such as {@code policies[].key} have
	 * none)
	 * @param values the hinted values
	 */
	public record Hint(String property, @Nullable String type, List<String> values) {
	}

}
