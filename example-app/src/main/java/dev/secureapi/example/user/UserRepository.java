package dev.secureapi.example.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

/**
 * Users. Every query binds its parameters; keyset pages seek by id, filtered by a
 * username range that the {@code users_username_id_idx} index serves.
 */
public interface UserRepository extends JpaRepository<User, Long> {

	/** Rows the streaming queries fetch per round trip. */
	String STREAM_FETCH_SIZE = "500";

	/**
	 * Finds a user by user name.
	 * @param username the exact user name
	 * @return the user
	 */
	Optional<User> findByUsername(String username);

	/**
	 * What a login needs of a user, and nothing encrypted: reading it never decrypts a
	 * column, so a login costs the same and answers the same whether or not the key
	 * provider is reachable.
	 * @param username the exact user name
	 * @return the id and password hash
	 */
	@Query("select new dev.secureapi.example.user.UserRepository$Credentials(u.id, u.username, u.passwordHash, "
			+ "u.authorityChangedAt) from User u where u.username = :username")
	Optional<Credentials> findCredentialsByUsername(String username);

	/**
	 * What the token user check needs of a user, and nothing encrypted: like a login, it
	 * never depends on the key provider.
	 * @param id the user id
	 * @return the id, user name, password hash and authority change instant
	 */
	@Query("select new dev.secureapi.example.user.UserRepository$Credentials(u.id, u.username, u.passwordHash, "
			+ "u.authorityChangedAt) from User u where u.id = :id")
	Optional<Credentials> findCredentialsById(long id);

	/**
	 * Replaces a user's password hash without loading the user (which would decrypt its
	 * e-mail).
	 * @param id the user id
	 * @param passwordHash the new hash
	 * @return how many rows changed
	 */
	@Modifying
	@Query("update User u set u.passwordHash = :passwordHash where u.id = :id")
	int updatePasswordHash(long id, String passwordHash);

	/**
	 * Whether a user of that name exists.
	 * @param username the exact user name
	 * @return {@code true} if it exists
	 */
	boolean existsByUsername(String username);

	/**
	 * The roles of a user.
	 * @param username the exact user name
	 * @return the roles (empty also when there is no such user)
	 */
	@Query("select r from User u join u.roles r where u.username = :username")
	List<Role> findRolesByUsername(String username);

	/**
	 * The ids of one keyset page of all users.
	 * @param after the last id of the previous page (0 for the first page)
	 * @param limit the page size
	 * @return the ids, ascending
	 */
	@Query("select u.id from User u where u.id > :after order by u.id")
	List<Long> findPageIds(long after, Limit limit);

	/**
	 * The ids of one keyset page of users whose name lies in [from, to). On PostgreSQL a
	 * narrow prefix is an index-only range scan of {@code users_username_id_idx}
	 * (username, id); a broad one walks the primary key.
	 * @param from the username prefix
	 * @param to the prefix followed by a character above every allowed username character
	 * @param after the last id of the previous page (0 for the first page)
	 * @param limit the page size
	 * @return the ids, ascending
	 */
	@Query("select u.id from User u where u.username >= :from and u.username < :to and u.id > :after "
			+ "order by u.id")
	List<Long> findPageIdsInRange(String from, String to, long after, Limit limit);

	/**
	 * The users with the given ids.
	 * @param ids the ids
	 * @return the users, ordered by id
	 */
	List<User> findByIdInOrderById(Collection<Long> ids);

	/**
	 * Streams every user from a database cursor. Call inside a read-only transaction and
	 * close the stream.
	 * @return the users, ordered by id
	 */
	@QueryHints({ @QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = STREAM_FETCH_SIZE),
			@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true") })
	@Query("select new dev.secureapi.example.user.UserRow(u.id, u.username, u.email, u.displayName, u.bio, "
			+ "u.createdAt) from User u order by u.id")
	Stream<UserRow> streamAll();

	/**
	 * Streams the users whose name lies in [from, to) from a database cursor.
	 * @param from the username prefix
	 * @param to the prefix followed by a character above every allowed username character
	 * @return the users, ordered by id
	 */
	@QueryHints({ @QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = STREAM_FETCH_SIZE),
			@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true") })
	@Query("select new dev.secureapi.example.user.UserRow(u.id, u.username, u.email, u.displayName, u.bio, "
			+ "u.createdAt) from User u where u.username >= :from and u.username < :to order by u.id")
	Stream<UserRow> streamInRange(String from, String to);

	/**
	 * The roles of some users.
	 * @param ids the user ids
	 * @return pairs of user id and role
	 */
	@Query("select new dev.secureapi.example.user.UserRepository$UserRole(u.id, r) from User u join u.roles r "
			+ "where u.id in :ids")
	List<UserRole> findRoles(Collection<Long> ids);

	/**
	 * Takes the administrators' lock: the {@code ADMIN} row of {@code roles}, held until
	 * the transaction ends. Every change that may remove an administrator takes it before
	 * reading who is one, so such changes run one after another and each counts the
	 * administrators the previous one left. Locking the administrators' own rows would
	 * not do: under READ COMMITTED a query locks the set it saw, and a concurrent
	 * demotion changes {@code user_roles}, not the locked {@code users} rows.
	 * @return the role name
	 */
	@Query(value = "select name from roles where name = 'ADMIN' for update", nativeQuery = true)
	String lockAdministrators();

	/**
	 * Counts the users holding a role, as committed when the statement starts.
	 * @param role the role
	 * @return how many hold it
	 */
	@Query("select count(u) from User u where :role member of u.roles")
	long countWithRole(Role role);

	/**
	 * What logins and the token user check read of a user: nothing encrypted.
	 *
	 * @param id the user id
	 * @param username the user name
	 * @param passwordHash the password hash
	 * @param authorityChangedAt when the user's roles or password last changed, if ever
	 */
	record Credentials(long id, String username, String passwordHash, @Nullable Instant authorityChangedAt) {
	}

	/**
	 * One role of one user.
	 *
	 * @param userId the user id
	 * @param role the role
	 */
	record UserRole(long userId, Role role) {
	}

}
