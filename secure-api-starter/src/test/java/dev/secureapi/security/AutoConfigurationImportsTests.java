package dev.secureapi.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class named in the starter's registration files exists, so a rename cannot leave
 * a stale entry behind.
 */
class AutoConfigurationImportsTests {

	@Test
	void everyImportedAutoConfigurationLoads() throws IOException {
		List<String> names = lines("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		assertThat(names).isNotEmpty().isSorted();
		for (String name : names) {
			Class<?> type = load(name);
			assertThat(type).hasAnnotation(AutoConfiguration.class);
		}
	}

	@Test
	void everyClassInSpringFactoriesLoads() throws IOException {
		Properties factories = new Properties();
		try (InputStream in = new ClassPathResource("META-INF/spring.factories").getInputStream()) {
			factories.load(in);
		}
		assertThat(factories).isNotEmpty();
		for (Object value : factories.values()) {
			for (String name : StringUtils.commaDelimitedListToStringArray((String) value)) {
				load(name.trim());
			}
		}
	}

	private static Class<?> load(String name) {
		try {
			return ClassUtils.forName(name, AutoConfigurationImportsTests.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new AssertionError("Cannot load " + name, ex);
		}
	}

	private static List<String> lines(String resource) throws IOException {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
