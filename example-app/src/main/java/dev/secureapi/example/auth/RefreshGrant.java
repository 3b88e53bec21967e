package dev.secureapi.example.auth;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.secureapi.security.authentication.AuthenticationService;
import dev.secureapi.security.authentication.InvalidGrantException;
import dev.secureapi.security.jwt.TokenPair;

/**
 * The refresh-token grant as one database transaction: spending the presented token,
 * storing its successor and reading the user either all happen or none does. When the
 * database fails part-way (the client then gets 503), the presented token stays unspent,
 * so the client's retry with it works instead of looking like a reuse that revokes the
 * whole family. A refused grant still commits, so a detected reuse keeps its revocation.
 */
@Component
class RefreshGrant {

	private final AuthenticationService authentication;

	RefreshGrant(AuthenticationService authentication) {
		this.authentication = authentication;
	}

	@Transactional(noRollbackFor = InvalidGrantException.class)
	TokenPair refresh(String refreshToken) {
		return this.authentication.refresh(refreshToken);
	}

}
