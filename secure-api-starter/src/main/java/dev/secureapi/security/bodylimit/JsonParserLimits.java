package dev.secureapi.security.bodylimit;

import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

/**
 * Builds the application's {@link JsonMapper.Builder} on a {@link JsonFactory} with bounded
 * {@link StreamReadConstraints}. Jackson 3 fixes a builder's factory when the builder is created, so a
 * {@link JsonMapperBuilderCustomizer} cannot change it; instead the kit creates the builder and then applies every
 * customizer exactly as Spring Boot does, so {@code spring.jackson.*} and the application's customizers still apply.
 */
public final class JsonParserLimits {

	private JsonParserLimits() {
	}

	/**
	 * The read constraints for the given settings.
	 * @param json the settings
	 * @return the constraints
	 */
	public static StreamReadConstraints constraints(BodyLimitProperties.Json json) {
		return StreamReadConstraints.builder()
			.maxNestingDepth(json.getMaxNestingDepth())
			.maxStringLength(json.getMaxStringLength())
			.maxNumberLength(json.getMaxNumberLength())
			.maxNameLength(json.getMaxNameLength())
			.maxDocumentLength(json.getMaxDocumentLength().toBytes())
			.build();
	}

	/**
	 * Creates a mapper builder with bounded parsing, customized by the given customizers in order.
	 * @param json the settings
	 * @param customizers the customizers, ordered
	 * @return the builder
	 */
	public static JsonMapper.Builder builder(BodyLimitProperties.Json json,
			List<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints(json)).build();
		JsonMapper.Builder builder = JsonMapper.builder(factory);
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
