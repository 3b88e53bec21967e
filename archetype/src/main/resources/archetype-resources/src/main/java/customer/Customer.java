package ${package}.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

import dev.secureapi.crypto.jpa.Encrypted;

/**
 * A customer. Only {@link CustomerService} creates one; request bodies are never bound to it, so {@code id} cannot
 * be mass-assigned. The e-mail address is stored encrypted by the crypto starter (bound to its table and column);
 * its blind index ({@code email_index}) carries the uniqueness constraint.
 */
@Entity
@Table(name = "customers")
public class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(nullable = false, length = 100)
	private String name;

	@Encrypted
	@Column(nullable = false, length = 512)
	private String email;

	@Column(name = "email_index", nullable = false, length = 64)
	private String emailIndex;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Customer() {
		this.name = "";
		this.email = "";
		this.emailIndex = "";
		this.createdAt = Instant.EPOCH;
	}

	Customer(String name, String email, String emailIndex, Instant createdAt) {
		this.name = name;
		this.email = email;
		this.emailIndex = emailIndex;
		this.createdAt = createdAt;
	}

	/**
	 * The id, assigned when the customer is first stored.
	 * @return the id
	 * @throws IllegalStateException before the customer is stored
	 */
	public long getId() {
		if (this.id == null) {
			throw new IllegalStateException("Customer is not stored yet");
		}
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getEmail() {
		return this.email;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
