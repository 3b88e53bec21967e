package dev.secureapi.example.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns on Spring Boot's auditing: with an {@code AuditEventRepository} bean, Boot
 * records Spring Security's authentication and authorisation events, and every
 * {@code AuditApplicationEvent} the application publishes.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	/** How many recent audit events the in-memory repository keeps. */
	static final int RECENT_EVENTS = 1000;

	@Bean
	LoggingAuditEventRepository auditEventRepository() {
		return new LoggingAuditEventRepository(RECENT_EVENTS);
	}

	@Bean
	UnknownUserNames unknownUserNames() {
		return new UnknownUserNames();
	}

}
