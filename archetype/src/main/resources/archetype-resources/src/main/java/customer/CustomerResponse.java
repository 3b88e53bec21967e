package ${package}.customer;

import java.time.Instant;

/**
 * A customer as the API shows it.
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address
 * @param createdAt when the customer was created
 */
public record CustomerResponse(long id, String name, String email, Instant createdAt) {

	static CustomerResponse of(Customer customer) {
		return new CustomerResponse(customer.getId(), customer.getName(), customer.getEmail(),
				customer.getCreatedAt());
	}

}
