package dev.secureapi.crypto.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "customers")
public class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Encrypted
	private String email;

	@Column(name = "email_index")
	private String emailIndex;

	@Encrypted
	private String phone;

	@Encrypted
	private String postalAddress;

	@Version
	private Long version;

	protected Customer() {
	}

	public Customer(String name, String email, String emailIndex, String phone) {
		this.name = name;
		this.email = email;
		this.emailIndex = emailIndex;
		this.phone = phone;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPhone() {
		return this.phone;
	}

	public String getPostalAddress() {
		return this.postalAddress;
	}

	public void setPostalAddress(String postalAddress) {
		this.postalAddress = postalAddress;
	}

	public Long getVersion() {
		return this.version;
	}

}
