package ${package}.customer;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Customers. Every query binds its parameters; pages seek by id (keyset pagination), so a page deep in the list
 * costs the same as the first.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

	/**
	 * One keyset page.
	 * @param after the last id of the previous page (0 for the first page)
	 * @param limit the most customers to return
	 * @return the customers with an id above {@code after}, ascending by id
	 */
	List<Customer> findByIdGreaterThanOrderById(long after, Limit limit);

	/**
	 * Whether a customer has an e-mail address with this blind index.
	 * @param emailIndex the address's index (see {@link CustomerEmailIndex})
	 * @return whether one has
	 */
	boolean existsByEmailIndex(String emailIndex);

}
