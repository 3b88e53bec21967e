package dev.secureapi.example.auth;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import dev.secureapi.example.audit.AuditTypes;
import dev.secureapi.security.jwt.RefreshTokenStore;

/**
 * Records an audit event whenever a spent refresh token is presented again (the starter
 * then revokes its whole family), and otherwise leaves everything to the store it wraps.
 */
public class AuditingRefreshTokenStore implements RefreshTokenStore {

	private final RefreshTokenStore delegate;

	private final ApplicationEventPublisher events;

	/**
	 * Creates a store.
	 * @param delegate the store that keeps the tokens
	 * @param events where audit events go
	 */
	public AuditingRefreshTokenStore(RefreshTokenStore delegate, ApplicationEventPublisher events) {
		this.delegate = delegate;
		this.events = events;
	}

	@Override
	public void create(Family family, Token token) {
		this.delegate.create(family, token);
	}

	@Override
	public void add(Token token) {
		this.delegate.add(token);
	}

	@Override
	public Consumption consume(String tokenHash) {
		Consumption consumption = this.delegate.consume(tokenHash);
		Family family = consumption.family();
		if (consumption.outcome() == Outcome.REUSED && family != null) {
			this.events.publishEvent(new AuditApplicationEvent(family.subject(), AuditTypes.REFRESH_TOKEN_REUSE,
					Map.of("family_id", family.id())));
		}
		return consumption;
	}

	@Override
	public Optional<String> findFamilyId(String tokenHash) {
		return this.delegate.findFamilyId(tokenHash);
	}

	@Override
	public void revokeFamily(String familyId) {
		this.delegate.revokeFamily(familyId);
	}

	@Override
	public void revokeSubject(String subject) {
		this.delegate.revokeSubject(subject);
	}

}
