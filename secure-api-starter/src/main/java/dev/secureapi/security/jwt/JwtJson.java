package dev.secureapi.security.jwt;

import java.io.OutputStream;
import java.io.Reader;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.io.Deserializer;
import io.jsonwebtoken.io.Serializer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * jjwt's JSON reading and writing through Jackson 3. The mapper is the kit's own, not the
 * application's: token JSON must not change with the application's Jackson settings,
 * duplicate members are an error (a token must mean one thing to every parser), and
 * nesting and string lengths are bounded.
 */
final class JwtJson {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.streamReadConstraints(
				StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(16_384).maxNumberLength(32).build())
		.build()).build();

	/** Reads a JSON object as a map; resolved once, so no type is resolved per token. */
	private static final ObjectReader MAP_READER = MAPPER.readerFor(MAP);

	private JwtJson() {
	}

	static Serializer<Map<String, ?>> serializer() {
		return new AbstractSerializer<>() {
			@Override
			protected void doSerialize(Map<String, ?> value, OutputStream out) {
				MAPPER.writeValue(out, value);
			}
		};
	}

	static Deserializer<Map<String, ?>> deserializer() {
		return new AbstractDeserializer<>() {
			@Override
			protected Map<String, ?> doDeserialize(Reader reader) {
				return MAP_READER.readValue(reader);
			}
		};
	}

}
