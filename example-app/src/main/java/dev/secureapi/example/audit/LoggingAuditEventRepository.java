package dev.secureapi.example.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;

/**
 * Keeps the latest audit events in memory (for the {@code auditevents} endpoint) and
 * writes each one to the log as one line with {@code audit_type}, {@code audit_principal}
 * and its data as key/value pairs, so the masked JSON log carries the audit trail.
 */
public class LoggingAuditEventRepository implements AuditEventRepository {

	private static final Logger logger = LoggerFactory.getLogger("dev.secureapi.example.audit");

	private final InMemoryAuditEventRepository recent;

	/**
	 * Creates a repository.
	 * @param capacity how many recent events to keep in memory
	 */
	public LoggingAuditEventRepository(int capacity) {
		this.recent = new InMemoryAuditEventRepository(capacity);
	}

	@Override
	public void add(AuditEvent event) {
		this.recent.add(event);
		LoggingEventBuilder line = logger.atInfo()
			.addKeyValue("audit_type", event.getType())
			.addKeyValue("audit_principal", event.getPrincipal());
		for (Map.Entry<String, Object> entry : event.getData().entrySet()) {
			line = line.addKeyValue("audit_" + entry.getKey(), String.valueOf(entry.getValue()));
		}
		line.log("audit " + event.getType() + " principal=" + event.getPrincipal());
	}

	@Override
	public List<AuditEvent> find(@Nullable String principal, @Nullable Instant after, @Nullable String type) {
		return this.recent.find(principal, after, type);
	}

}
