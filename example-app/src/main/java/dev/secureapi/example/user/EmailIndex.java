package dev.secureapi.example.user;

import org.springframework.stereotype.Component;

import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.blindindex.BlindIndexer;

/**
 * The blind index of e-mail addresses: an HMAC of the normalised address under the
 * dedicated index key, the only form in which the database can compare addresses (for the
 * unique constraint) without holding them in clear.
 */
@Component
public class EmailIndex {

	/** Where e-mail addresses are stored; the index is bound to it. */
	public static final FieldContext CONTEXT = new FieldContext("users", "email");

	private final BlindIndexer indexer;

	EmailIndex(BlindIndexer indexer) {
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
