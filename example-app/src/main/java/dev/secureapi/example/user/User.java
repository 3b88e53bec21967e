package dev.secureapi.example.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.jspecify.annotations.Nullable;

import dev.secureapi.crypto.jpa.Encrypted;

/**
 * A user account. Only the service changes it; request bodies are never bound to it, so
 * {@code id} and {@code roles} cannot be mass-assigned. The e-mail address is stored
 * encrypted by the crypto starter; its blind index ({@code email_index}) carries the
 * uniqueness constraint.
 */
@Entity
@Table(name = "users")
public class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(nullable = false, updatable = false, length = 50)
	private String username;

	@Encrypted
	@Column(nullable = false, length = 512)
	private String email;

	@Column(name = "email_index", nullable = false, length = 64)
	private String emailIndex;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "display_name", length = 100)
	private @Nullable String displayName;

	@Column(length = 16000)
	private @Nullable String bio;

	@ElementCollection
	@CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
	@Column(name = "role", nullable = false, length = 20)
	@Enumerated(EnumType.STRING)
	@BatchSize(size = 100)
	private Set<Role> roles = new HashSet<>();

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "authority_changed_at")
	private @Nullable Instant authorityChangedAt;

	@Version
	private long version;

	protected User() {
		this.username = "";
		this.email = "";
		this.emailIndex = "";
		this.passwordHash = "";
		this.createdAt = Instant.EPOCH;
	}

	User(String username, String email, String emailIndex, String passwordHash, Set<Role> roles, Instant createdAt) {
		this.username = username;
		this.email = email;
		this.emailIndex = emailIndex;
		this.passwordHash = passwordHash;
		this.roles = new HashSet<>(roles);
		this.createdAt = createdAt;
	}

	/**
	 * The id, assigned when the user is first stored.
	 * @return the id
	 * @throws IllegalStateException before the user is stored
	 */
	public long getId() {
		if (this.id == null) {
			throw new IllegalStateException("User is not stored yet");
		}
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getEmail() {
		return this.email;
	}

	void setEmail(String email, String emailIndex) {
		this.email = email;
		this.emailIndex = emailIndex;
	}

	/**
	 * The encoded password, as the password encoder wrote it.
	 * @return the hash
	 */
	public String getPasswordHash() {
		return this.passwordHash;
	}

	void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public @Nullable String getDisplayName() {
		return this.displayName;
	}

	void setDisplayName(@Nullable String displayName) {
		this.displayName = displayName;
	}

	public @Nullable String getBio() {
		return this.bio;
	}

	void setBio(@Nullable String bio) {
		this.bio = bio;
	}

	/**
	 * The roles, as an unmodifiable copy.
	 * @return the roles
	 */
	public Set<Role> getRoles() {
		return this.roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(this.roles));
	}

	void setRoles(Set<Role> roles) {
		this.roles.clear();
		this.roles.addAll(roles);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * When the roles or the password last changed; access tokens issued before are
	 * refused.
	 * @return the instant, or {@code null} if they never changed
	 */
	public @Nullable Instant getAuthorityChangedAt() {
		return this.authorityChangedAt;
	}

	void authorityChanged(Instant at) {
		this.authorityChangedAt = at;
	}

}
