package dev.secureapi.crypto.blindindex;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Blind indexes: deterministic, normalised, separated between columns and keys, truncated
 * as configured.
 */
class BlindIndexerTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final byte[] key = TestKeys.randomKey();

	private final BlindIndexer indexer = new BlindIndexer(this.key, 32);

	@Test
	void sameValueGivesTheSameIndexAcrossInstances() {
		assertThat(new BlindIndexer(this.key, 32).index(EMAIL, "alice@example.com"))
			.isEqualTo(this.indexer.index(EMAIL, "alice@example.com"));
		assertThat(new BlindIndexer(this.key, 32).exactIndex(EMAIL, "alice@example.com"))
			.isEqualTo(this.indexer.exactIndex(EMAIL, "alice@example.com"));
	}

	@Test
	void caseWhitespaceAndUnicodeFormsAreNormalised() {
		String expected = this.indexer.exactIndex(EMAIL, "alice@example.com");
		assertThat(this.indexer.exactIndex(EMAIL, "  ALICE@Example.com\t")).isEqualTo(expected);
		// fullwidth commercial at (U+FF20) folds to '@' under NFKC
		assertThat(this.indexer.exactIndex(EMAIL, "alice\uFF20example.com")).isEqualTo(expected);
	}

	@Test
	void sameValueInAnotherColumnOrTableGivesAnUnrelatedIndex() {
		String email = this.indexer.exactIndex(EMAIL, "alice@example.com");
		assertThat(this.indexer.exactIndex(new FieldContext("users", "backup_email"), "alice@example.com"))
			.isNotEqualTo(email);
		assertThat(this.indexer.exactIndex(new FieldContext("customers", "email"), "alice@example.com"))
			.isNotEqualTo(email);
	}

	@Test
	void anotherIndexKeyGivesUnrelatedIndexes() {
		assertThat(new BlindIndexer(TestKeys.randomKey(), 32).exactIndex(EMAIL, "alice@example.com"))
			.isNotEqualTo(this.indexer.exactIndex(EMAIL, "alice@example.com"));
	}

	@Test
	void indexIsNotThePlainHashOfTheValue() throws Exception {
		byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
			.digest("alice@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(this.indexer.exactIndex(EMAIL, "alice@example.com"))
			.isNotEqualTo(java.util.HexFormat.of().formatHex(sha));
	}

	@Test
	void truncatedIndexHasTheConfiguredLengthAndIsAPrefixOfTheExactOne() {
		assertThat(this.indexer.index(EMAIL, "alice@example.com")).hasSize(8)
			.isEqualTo(this.indexer.exactIndex(EMAIL, "alice@example.com").substring(0, 8));
		assertThat(this.indexer.exactIndex(EMAIL, "alice@example.com")).hasSize(64);
		String twelveBits = new BlindIndexer(this.key, 12).index(EMAIL, "alice@example.com");
		assertThat(twelveBits).hasSize(3);
	}

	@Test
	void shortIndexesCollideSoLookupsReturnCandidates() {
		BlindIndexer eightBits = new BlindIndexer(this.key, 8);
		Map<String, Integer> buckets = new HashMap<>();
		for (int i = 0; i < 2000; i++) {
			buckets.merge(eightBits.index(EMAIL, "user" + i + "@example.com"), 1, Integer::sum);
		}
		assertThat(buckets.size()).isLessThanOrEqualTo(256);
		assertThat(buckets.values()).anyMatch((count) -> count > 1);
	}

	@Test
	void exactIndexesOfDistinctValuesDoNotCollide() {
		Set<String> indexes = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			indexes.add(this.indexer.exactIndex(EMAIL, "user" + i + "@example.com"));
		}
		assertThat(indexes).hasSize(10_000);
	}

	@Test
	void weakKeysAndLengthsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BlindIndexer(new byte[16], 32));
		assertThatIllegalArgumentException().isThrownBy(() -> new BlindIndexer(this.key, 4));
		assertThatIllegalArgumentException().isThrownBy(() -> new BlindIndexer(this.key, 300));
	}

}
