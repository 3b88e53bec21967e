package dev.secureapi.security.jwt;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches when tokens are the service's own: no {@code secure-api.jwt.jwk-set-uri} is
 * set.
 */
class OwnKeysCondition extends NoneNestedConditions {

	OwnKeysCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty("secure-api.jwt.jwk-set-uri")
	static class JwkSetUri {

	}

}
