package dev.secureapi.example.user;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.secureapi.example.audit.AuditTypes;
import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.TokenUserValidator.UserStanding;

/**
 * Changes users. Uniqueness of user names and e-mail addresses rests on the database's
 * unique constraints (a concurrent duplicate fails on insert, not on a check before it);
 * the last administrator is protected by the administrators' lock, taken before a role
 * change or deletion counts the administrators. Deleting a user or changing a password
 * revokes the user's refresh tokens; a role or password change records
 * {@code authority_changed_at}, so the starter's user check refuses access tokens issued
 * before it, and a deleted user's access tokens are refused because the user is gone.
 */
@Service
@Transactional
public class UserService {

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final BioSanitizer bioSanitizer;

	private final UserCache cache;

	private final TokenService tokens;

	private final EmailIndex emailIndex;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, BioSanitizer bioSanitizer, UserCache cache,
			TokenService tokens, EmailIndex emailIndex, ApplicationEventPublisher events) {
		this.users = users;
		this.tokens = tokens;
		this.emailIndex = emailIndex;
		this.passwordEncoder = passwordEncoder;
		this.bioSanitizer = bioSanitizer;
		this.cache = cache;
		this.events = events;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Registers a user with the USER role.
	 * @param request the validated registration
	 * @return the new user
	 * @throws UserConflictException when the user name or e-mail address is taken
	 */
	public UserResponse register(CreateUserRequest request) {
		User user = newUser(required(request.username()), required(request.email()), required(request.password()),
				Set.of(Role.USER));
		user.setDisplayName(emptyToNull(request.displayName()));
		user.setBio(this.bioSanitizer.sanitize(request.bio()));
		return UserResponse.of(store(user));
	}

	/**
	 * Creates a user with the given roles, for the start-up administrator.
	 * @param username the user name
	 * @param email the e-mail address
	 * @param password the raw password
	 * @param roles the roles
	 * @return the new user
	 */
	public UserResponse create(String username, String email, String password, Set<Role> roles) {
		return UserResponse.of(store(newUser(username, email, password, roles)));
	}

	/**
	 * Changes one's own profile.
	 * @param id the user's id
	 * @param request the validated change
	 * @return the changed user
	 * @throws InvalidCurrentPasswordException when a password or e-mail change lacks the
	 * right current password
	 */
	public UserResponse updateProfile(long id, UpdateProfileRequest request) {
		User user = this.users.findById(id).orElseThrow(UserNotFoundException::new);
		String email = (request.email() != null) ? normalizeEmail(request.email()) : null;
		boolean emailChanges = email != null && !email.equals(user.getEmail());
		if ((request.newPassword() != null || emailChanges) && !currentPasswordMatches(user, request)) {
			throw new InvalidCurrentPasswordException();
		}
		if (emailChanges) {
			user.setEmail(email, this.emailIndex.of(email));
		}
		if (request.newPassword() != null) {
			user.setPasswordHash(this.passwordEncoder.encode(request.newPassword()));
			// a new password ends every session that was started with the old one, access
			// tokens included
			this.tokens.revokeAll(Long.toString(id));
			authorityChanged(user);
		}
		if (request.displayName() != null) {
			user.setDisplayName(emptyToNull(request.displayName()));
		}
		if (request.bio() != null) {
			user.setBio(this.bioSanitizer.sanitize(request.bio()));
		}
		return UserResponse.of(store(user));
	}

	/**
	 * Replaces a user's roles.
	 * @param id the user's id
	 * @param roles the new roles
	 * @param actor who changes them, for the audit event
	 * @return the changed user
	 * @throws UserConflictException when the change would leave no administrator
	 */
	public UserResponse setRoles(long id, Set<Role> roles, String actor) {
		this.users.lockAdministrators();
		User user = this.users.findById(id).orElseThrow(UserNotFoundException::new);
		if (!roles.contains(Role.ADMIN) && isLastAdmin(user)) {
			throw UserConflictException.lastAdmin();
		}
		Set<Role> before = user.getRoles();
		if (!before.equals(roles)) {
			user.setRoles(roles);
			authorityChanged(user);
		}
		UserResponse changed = UserResponse.of(store(user));
		audit(actor, AuditTypes.ROLES_CHANGED, Map.of("user_id", id, "before", sorted(before), "after",
				changed.roles().stream().map(Role::name).toList()));
		return changed;
	}

	/**
	 * Deletes a user and revokes the user's refresh tokens.
	 * @param id the user's id
	 * @param actor who deletes, for the audit event
	 * @throws UserConflictException when the user is the last administrator
	 */
	public void delete(long id, String actor) {
		this.users.lockAdministrators();
		User user = this.users.findById(id).orElseThrow(UserNotFoundException::new);
		if (isLastAdmin(user)) {
			throw UserConflictException.lastAdmin();
		}
		this.users.delete(user);
		this.users.flush();
		this.tokens.revokeAll(Long.toString(id));
		forgetTokenCheckAfterCommit(id);
		this.cache.invalidateAfterCommit(id);
		audit(actor, AuditTypes.USER_DELETED, Map.of("user_id", id, "username", user.getUsername()));
	}

	/**
	 * Finds a user for authentication.
	 * @param username the user name
	 * @return the user, or {@code null}
	 */
	@Transactional(readOnly = true)
	public @Nullable User findForLogin(String username) {
		return this.users.findByUsername(username).orElse(null);
	}

	/**
	 * The roles of a user, without loading the user.
	 * @param username the user name
	 * @return the roles, or empty if no such user exists
	 */
	@Transactional(readOnly = true)
	public Optional<Set<Role>> rolesOf(String username) {
		// no entity load: that would decrypt the e-mail address, which this answer does
		// not need
		if (!this.users.existsByUsername(username)) {
			return Optional.empty();
		}
		return Optional.of(Set.copyOf(this.users.findRolesByUsername(username)));
	}

	/**
	 * Whether a user of that name exists, without loading (or decrypting) the user.
	 * @param username the user name
	 * @return {@code true} if it exists
	 */
	@Transactional(readOnly = true)
	public boolean exists(String username) {
		return this.users.existsByUsername(username);
	}

	private User newUser(String username, String email, String password, Set<Role> roles) {
		Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		String normalized = normalizeEmail(email);
		return new User(username, normalized, this.emailIndex.of(normalized), this.passwordEncoder.encode(password),
				roles, now);
	}

	private User store(User user) {
		User stored;
		try {
			stored = this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			throw UserConflictException.taken();
		}
		this.cache.invalidateAfterCommit(stored.getId());
		return stored;
	}

	private boolean currentPasswordMatches(User user, UpdateProfileRequest request) {
		String current = request.currentPassword();
		return current != null && this.passwordEncoder.matches(current, user.getPasswordHash());
	}

	/**
	 * Call with the administrators' lock held, so the count cannot change before the
	 * transaction ends.
	 * @param user the user about to lose the role or be deleted
	 * @return whether the user is the only administrator
	 */
	private boolean isLastAdmin(User user) {
		return user.getRoles().contains(Role.ADMIN) && this.users.countWithRole(Role.ADMIN) <= 1;
	}

	/**
	 * Records that the user's authority changes now, so access tokens issued before are
	 * refused: at once on this instance once the transaction commits, within
	 * {@code user-check-ttl} on the others.
	 * @param user the user whose roles, password or state change
	 */
	private void authorityChanged(User user) {
		user.authorityChanged(UserStanding.changeAt(user.getAuthorityChangedAt(), Instant.now(this.clock)));
		forgetTokenCheckAfterCommit(user.getId());
	}

	private void forgetTokenCheckAfterCommit(long id) {
		String subject = Long.toString(id);
		// evicting before the commit would let a request on this instance cache the old
		// standing again
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					UserService.this.tokens.authorityChanged(subject);
				}

			});
		}
		else {
			this.tokens.authorityChanged(subject);
		}
	}

	private void audit(String actor, String type, Map<String, Object> data) {
		this.events.publishEvent(new AuditApplicationEvent(actor, type, data));
	}

	private static List<String> sorted(Set<Role> roles) {
		return roles.stream().sorted().map(Role::name).toList();
	}

	private static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException("A validated request has no null required member");
		}
		return value;
	}

}
