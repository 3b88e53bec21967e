package dev.secureapi.example;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.example.Api.Response;
import dev.secureapi.example.user.Role;
import dev.secureapi.example.user.UserConflictException;
import dev.secureapi.example.user.UserService;
import dev.secureapi.test.RequiresServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last-administrator rule under concurrency on real PostgreSQL (READ COMMITTED): two
 * administrators demoting or deleting each other at the same moment never leave the
 * service without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RequiresServices(RequiresServices.Service.POSTGRES)
class LastAdminRaceTests {

	private static final int ROUNDS = 50;

	private static final String PASSWORD = "Race-admin-pass-1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserService users;

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
		ApiTestSupport.registerPostgres(registry);
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void twoAdminsDemotingOrDeletingEachOtherAtOnceOverHttpAlwaysLeaveOne() throws Exception {
		Api api = new Api(this.port);
		long first = onlyAdmin("http");
		Admin winner = new Admin(first, api.token(username(first), PASSWORD));
		int conflicts = 0;
		for (int round = 0; round < ROUNDS; round++) {
			long id = this.users
				.create(Api.unique("rival"), Api.unique("rival") + "@example.test", PASSWORD,
						EnumSet.of(Role.USER, Role.ADMIN))
				.id();
			Admin rival = new Admin(id, api.token(username(id), PASSWORD));
			boolean delete = round % 2 == 1;
			Admin current = winner;
			List<Response> answers = race(() -> act(api, current, rival, delete),
					() -> act(api, rival, current, delete));
			List<Response> won = answers.stream().filter((answer) -> answer.status() < 300).toList();
			assertThat(won).as("round %d: %s", round, answers).hasSize(1);
			Response lost = answers.get((won.get(0) == answers.get(0)) ? 1 : 0);
			// the loser reached the service after the winner committed (409), or its
			// token was refused at once (401)
			assertThat(lost.status()).as("round %d: %s", round, answers).isIn(409, 401);
			UserApiContractTests.assertProblem(lost, lost.status());
			if (lost.status() == 401) {
				assertThat(lost.header("WWW-Authenticate")).contains("invalid_token");
			}
			else {
				conflicts++;
			}
			assertThat(admins()).as("round %d", round).isEqualTo(1);
			winner = (won.get(0) == answers.get(0)) ? current : rival;
		}
		System.out.println("LastAdminRaceTests over HTTP: " + conflicts + " of " + ROUNDS + " losers got 409");
	}

	@Test
	void twoConcurrentDemotionsOrDeletionsInTheServiceAlwaysLeaveOneAndTheLoserGets409() throws Exception {
		long winner = onlyAdmin("service");
		for (int round = 0; round < ROUNDS; round++) {
			long rival = this.users
				.create(Api.unique("svc"), Api.unique("svc") + "@example.test", PASSWORD,
						EnumSet.of(Role.USER, Role.ADMIN))
				.id();
			boolean delete = round % 2 == 1;
			long current = winner;
			List<Object> outcomes = race(() -> change(rival, current, delete), () -> change(current, rival, delete));
			List<Object> conflicts = outcomes.stream().filter(UserConflictException.class::isInstance).toList();
			assertThat(conflicts).as("round %d: %s", round, outcomes).hasSize(1);
			assertThat(((UserConflictException) conflicts.get(0)).getStatusCode().value())
				.isEqualTo(HttpStatus.CONFLICT.value());
			assertThat(admins()).as("round %d", round).isEqualTo(1);
			winner = (outcomes.get(0) instanceof UserConflictException) ? rival : current;
		}
	}

	private Response act(Api api, Admin actor, Admin target, boolean delete) {
		return delete ? api.delete("/api/v1/users/" + target.id(), actor.token()) : api.putJson(
				"/api/v1/users/" + target.id() + "/roles", api.json(Api.body("roles", List.of("USER"))), actor.token());
	}

	/**
	 * Demotes or deletes {@code target} as {@code actor}; answers the exception, or "ok".
	 */
	private Object change(long target, long actor, boolean delete) {
		try {
			if (delete) {
				this.users.delete(target, Long.toString(actor));
			}
			else {
				this.users.setRoles(target, Set.of(Role.USER), Long.toString(actor));
			}
			return "ok";
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private <T> List<T> race(Callable<T> first, Callable<T> second) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> task : List.of(first, second)) {
			futures.add(this.threads.submit(() -> {
				start.await();
				return task.call();
			}));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		return results;
	}

	/** Makes a new user the only administrator, whatever another test left. */
	private long onlyAdmin(String prefix) {
		long id = this.users
			.create(Api.unique(prefix), Api.unique(prefix) + "@example.test", PASSWORD,
					EnumSet.of(Role.USER, Role.ADMIN))
			.id();
		this.jdbc.update("DELETE FROM user_roles WHERE role = 'ADMIN' AND user_id <> ?", id);
		return id;
	}

	private String username(long id) {
		return this.jdbc.queryForObject("SELECT username FROM users WHERE id = ?", String.class, id);
	}

	private int admins() {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM user_roles WHERE role = 'ADMIN'", Integer.class);
		return (count != null) ? count : 0;
	}

	private record Admin(long id, String token) {
	}

}
