package dev.secureapi.security.bodylimit;

import java.util.List;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the application's {@link JsonMapper.Builder} on a {@link JsonFactory} with
 * bounded {@link StreamReadConstraints}. Jackson 3 fixes a builder's factory when the
 * builder is created, so a {@link JsonMapperBuilderCustomizer} cannot change it; instead
 * the kit creates the builder and then applies every customizer exactly as Spring Boot
 * does, so {@code spring.jackson.*} and the application's customizers still apply.
 */
final class JsonParserLimits {

	private JsonParserLimits() {
	}

	/**
	 * The read constraints for the given settings. Unset length limits follow the largest
	 * body limit, so the parser never refuses what the body limit admits except by
	 * nesting depth and number length, and anything larger is refused by the body limit
	 * (413) whatever its shape.
	 * @param properties the body limit settings
	 * @return the constraints
	 */
	static StreamReadConstraints constraints(BodyLimitProperties properties) {
		BodyLimitProperties.Json json = properties.getJson();
		long largestBody = Math.max(1, properties.largestMaxSize());
		int largestChars = (int) Math.min(Integer.MAX_VALUE, largestBody);
		Integer maxString = json.getMaxStringLength();
		Integer maxName = json.getMaxNameLength();
		DataSize maxDocument = json.getMaxDocumentLength();
		return StreamReadConstraints.builder()
			.maxNestingDepth(json.getMaxNestingDepth())
			.maxStringLength((maxString != null) ? maxString : largestChars)
			.maxNumberLength(json.getMaxNumberLength())
			.maxNameLength((maxName != null) ? maxName : largestChars)
			.maxDocumentLength((maxDocument != null) ? maxDocument.toBytes() : largestBody)
			.build();
	}

	/**
	 * Creates a mapper builder with bounded parsing, customized by the given customizers
	 * in order.
	 * @param properties the body limit settings
	 * @param customizers the customizers, ordered
	 * @return the builder
	 */
	static JsonMapper.Builder builder(BodyLimitProperties properties, List<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints(properties)).build();
		JsonMapper.Builder builder = JsonMapper.builder(factory);
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
