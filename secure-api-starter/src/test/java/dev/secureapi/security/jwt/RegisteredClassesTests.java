package dev.secureapi.security.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every class the starter names in its registration files exists, so a rename cannot
 * leave a stale entry.
 */
class RegisteredClassesTests {

	@Test
	void everyRegisteredClassLoads() throws IOException {
		List<String> names = names("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		names.addAll(names("META-INF/spring.factories"));
		assertThat(names).contains(JwtAutoConfiguration.class.getName(), InvalidJwtKeyFailureAnalyzer.class.getName());
		for (String name : names) {
			assertThatCode(() -> Class.forName(name)).as(name).doesNotThrowAnyException();
		}
	}

	private static List<String> names(String resource) throws IOException {
		String text = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
		return new java.util.ArrayList<>(
				Arrays.stream(text.split("[\\s,=\\\\]+")).filter((name) -> name.startsWith("dev.secureapi.")).toList());
	}

}
