package dev.secureapi.example.user;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.example.ApiTestSupport;
import dev.secureapi.example.TestUsers;
import dev.secureapi.test.RequiresServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming all users holds a constant amount of memory: 200,000 users pass through on
 * PostgreSQL (a server-side cursor with a fetch size) while the heap, measured after full
 * collections, grows by a few MB at most. The same rows read into a list grow it by far
 * more, which shows the measurement can tell the difference.
 */
@SpringBootTest
@RequiresServices(RequiresServices.Service.POSTGRES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingMemoryTests {

	static final int USERS = 200_000;

	static final long MAX_GROWTH_BYTES = 8L * 1024 * 1024;

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	@Autowired
	UserQueries queries;

	@Autowired
	UserRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FieldEncryptor encryptor;

	@Autowired
	EmailIndex emailIndex;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		ApiTestSupport.registerPostgres(registry);
	}

	@BeforeAll
	void insertUsers() {
		TestUsers.insert(this.jdbc, this.encryptor, this.emailIndex, "stream", USERS);
	}

	@Test
	void streamingTwoHundredThousandUsersGrowsTheHeapByAFewMegabytesAtMost() {
		long baseline = usedHeapAfterGc();
		AtomicInteger count = new AtomicInteger();
		AtomicLong lastId = new AtomicLong();
		AtomicLong peakGrowth = new AtomicLong();
		this.queries.stream(null, (user) -> {
			assertThat(user.id()).isGreaterThan(lastId.getAndSet(user.id()));
			assertThat(user.email()).endsWith("@example.test");
			if (count.incrementAndGet() % 25_000 == 0) {
				peakGrowth.accumulateAndGet(usedHeapAfterGc() - baseline, Math::max);
			}
		});
		assertThat(count).hasValue(USERS);
		System.out.printf("streaming %d users: peak heap growth %.2f MB%n", USERS, peakGrowth.get() / 1048576.0);
		assertThat(peakGrowth.get()).isLessThan(MAX_GROWTH_BYTES);
	}

	@Test
	void readingTheSameRowsIntoAListGrowsTheHeapByFarMore() {
		long baseline = usedHeapAfterGc();
		List<UserRow> all = this.transactions.execute((status) -> this.repository.streamAll().toList());
		long growth = usedHeapAfterGc() - baseline;
		assertThat(all).hasSize(USERS);
		System.out.printf("listing %d users: heap growth %.2f MB%n", USERS, growth / 1048576.0);
		assertThat(growth).isGreaterThan(4 * MAX_GROWTH_BYTES);
	}

	@Test
	void aUsernamePrefixPageIsAnIndexRangeScanOnPostgresql() {
		this.jdbc.execute("VACUUM ANALYZE users");
		List<String> plan = this.jdbc.queryForList(
				"EXPLAIN SELECT id FROM users "
						+ "WHERE username >= ? AND username < ? AND id > ? ORDER BY id LIMIT 21",
				String.class, "stream0123", "stream0123" + UserRules.PREFIX_RANGE_END, 0L);
		System.out.println("EXPLAIN keyset page by prefix:\n" + String.join("\n", plan));
		assertThat(String.join("\n", plan)).contains("Index Only Scan using users_username_id_idx")
			.containsPattern("Index Cond: .*username.* >= .* AND .*username.* < .* AND \\(id > .*\\)");
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
