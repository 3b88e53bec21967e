package ${package}.customer;

import org.springframework.stereotype.Component;

import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.blindindex.BlindIndexer;

/**
 * The blind index of customers' e-mail addresses: an HMAC of the normalised address under the dedicated index key,
 * the only form in which the database can compare addresses (for the unique constraint and lookups) without
 * holding them in clear.
 */
@Component
public class CustomerEmailIndex {

	/** Where e-mail addresses are stored; the index is bound to it. */
	public static final FieldContext CONTEXT = new FieldContext("customers", "email");

	private final BlindIndexer indexer;

	CustomerEmailIndex(BlindIndexer indexer) {
		this.indexer = indexer;
	}

	/**
	 * The full-length index of an address.
	 * @param email the address
	 * @return 64 hex characters
	 */
	public String of(String email) {
		return this.indexer.exactIndex(CONTEXT, email);
	}

}
