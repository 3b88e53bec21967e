package ${package}.customer;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates and reads customers.
 */
@Service
@Transactional(readOnly = true)
public class CustomerService {

	private final CustomerRepository customers;

	private final CustomerEmailIndex emailIndex;

	private final Clock clock = Clock.systemUTC();

	CustomerService(CustomerRepository customers, CustomerEmailIndex emailIndex) {
		this.customers = customers;
		this.emailIndex = emailIndex;
	}

	/**
	 * Stores a new customer.
	 * @param request the validated request
	 * @return the stored customer
	 * @throws ResponseStatusException 409 when the e-mail address is taken
	 */
	@Transactional
	public CustomerResponse create(CreateCustomerRequest request) {
		String email = Objects.requireNonNull(request.email());
		// the address is encrypted with a fresh nonce each time: only its blind index can be compared
		String index = this.emailIndex.of(email);
		if (this.customers.existsByEmailIndex(index)) {
			throw emailTaken();
		}
		Customer customer = new Customer(Objects.requireNonNull(request.name()), email, index, this.clock.instant());
		try {
			return CustomerResponse.of(this.customers.saveAndFlush(customer));
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent request stored the same address between the check and the insert
			throw emailTaken();
		}
	}

	/**
	 * Reads one keyset page.
	 * @param after the last id of the previous page (0 for the first)
	 * @param limit the page size
	 * @return the page
	 */
	public CustomerPage page(long after, int limit) {
		// one row more than asked tells whether there is a next page
		List<Customer> rows = this.customers.findByIdGreaterThanOrderById(after, Limit.of(limit + 1));
		boolean more = rows.size() > limit;
		List<CustomerResponse> items = rows.stream().limit(limit).map(CustomerResponse::of).toList();
		Long nextAfter = more ? items.get(items.size() - 1).id() : null;
		return new CustomerPage(items, nextAfter);
	}

	/**
	 * Finds a customer.
	 * @param id the id
	 * @return the customer, or empty when there is none
	 */
	public Optional<CustomerResponse> find(long id) {
		return this.customers.findById(id).map(CustomerResponse::of);
	}

	private static ResponseStatusException emailTaken() {
		return new ResponseStatusException(HttpStatus.CONFLICT, "A customer with this e-mail address exists.");
	}

}
