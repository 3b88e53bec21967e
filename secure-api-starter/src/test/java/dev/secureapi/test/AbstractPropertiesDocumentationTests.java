package dev.secureapi.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.ClassUtils;

import dev.secureapi.test.PropertiesDocumentation.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module's reference pages document every {@code secure-api.*} property it has, each
 * property has a description in the configuration metadata, and the pages' property
 * tables name no property that does not exist. Each starter extends this with one of its
 * classes and its pages.
 */
public abstract class AbstractPropertiesDocumentationTests {

	private final Class<?> moduleClass;

	private final String[] pages;

	/**
	 * Creates the tests for one module.
	 * @param moduleClass any main class of the module, to find its configuration metadata
	 * @param pages the module's reference pages, relative to {@code docs/}
	 */
	protected AbstractPropertiesDocumentationTests(Class<?> moduleClass, String... pages) {
		this.moduleClass = moduleClass;
		this.pages = pages;
	}

	@Test
	void everyPropertyHasADescription() throws Exception {
		assertThat(PropertiesDocumentation.properties(this.moduleClass))
			.filteredOn((property) -> property.description().isBlank())
			.extracting(Property::name)
			.isEmpty();
	}

	@Test
	void everyPropertyIsOnAReferencePage() throws Exception {
		String text = PropertiesDocumentation.read(this.pages);
		assertThat(PropertiesDocumentation.properties(this.moduleClass)).isNotEmpty()
			.extracting(Property::name)
			.filteredOn((name) -> !PropertiesDocumentation.documents(text, name))
			.isEmpty();
	}

	@Test
	void everyValueHintIsForAPropertyAndEveryHintedValueBinds() throws Exception {
		for (ValueHints.Hint hint : ValueHints.of(this.moduleClass)) {
			if (hint.property().contains("[]")) {
				continue;
			}
			assertThat(hint.type()).as("type of hinted property %s", hint.property()).isNotNull();
			Class<?> type = ClassUtils.forName(hint.type(), getClass().getClassLoader());
			for (String value : hint.values()) {
				Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(hint.property(), value)));
				assertThat(binder.bind(hint.property(), Bindable.of(type)).isBound() || value.isEmpty())
					.as("%s=%s binds to %s", hint.property(), value, type.getSimpleName())
					.isTrue();
			}
		}
	}

	@Test
	void everyDocumentedPropertyExists() throws Exception {
		List<Property> properties = PropertiesDocumentation.properties(this.moduleClass);
		assertThat(PropertiesDocumentation.tableProperties(PropertiesDocumentation.read(this.pages)))
			.filteredOn((name) -> !PropertiesDocumentation.exists(properties, name))
			.isEmpty();
	}

}
