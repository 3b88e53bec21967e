package dev.secureapi.security.logging;

/**
 * The console log format the starter sets when {@code logging.structured.format.console}
 * is not set. Every one is masked.
 *
 * @since 0.1.0
 */
public enum ConsoleFormat {

	/** Elastic Common Schema JSON lines. */
	ECS("ecs"),

	/** Logstash JSON lines. */
	LOGSTASH("logstash"),

	/** Graylog Extended Log Format JSON lines. */
	GELF("gelf"),

	/**
	 * One line of text per event, for people reading a terminal, masked like the JSON
	 * formats.
	 */
	PLAIN(MaskedPlainLogFormatter.class.getName());

	private final String structuredFormat;

	ConsoleFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	/**
	 * The value of {@code logging.structured.format.console} for this format.
	 * @return a Spring Boot format name or the class name of the kit's masked text
	 * formatter
	 */
	public String structuredFormat() {
		return this.structuredFormat;
	}

}
