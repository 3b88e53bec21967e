package dev.secureapi.example.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;

/**
 * Keeps the latest audit events in memory (for the {@code auditevents} endpoint) and writes each one to the log
 * as one line with {@code audit_type}, {@code audit_principal} and its data as key/value pairs, so the masked JSON
 * log carries the audit trail.
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
		var line = logger.atInfo()
			.addKeyValue("audit_type", event.getType())
			.addKeyValue("audit_principal", event.getPrincipal());
		event.getData().forEach((key, value) -> line.addKeyValue("audit_" + key, String.valueOf(value)));
		line.log("audit " + event.getType() + " principal=" + event.getPrincipal());
	}

	@Override
	public List<AuditEvent> find(@Nullable String principal, @Nullable Instant after, @Nullable String type) {
		return this.recent.find(principal, after, type);
	}

}
