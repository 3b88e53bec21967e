package dev.secureapi.example.user;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.secureapi.example.cache.CacheNames;

/**
 * Reads users: single users and pages through the cache, the full stream straight from a
 * database cursor.
 */
@Service
@Transactional(readOnly = true)
public class UserQueries {

	/**
	 * Rows whose roles are read together while streaming; bounds the memory a stream
	 * holds.
	 */
	static final int STREAM_CHUNK = 500;

	private final UserRepository users;

	private final UserPages pages;

	private final UserCache cache;

	UserQueries(UserRepository users, UserPages pages, UserCache cache) {
		this.users = users;
		this.pages = pages;
		this.cache = cache;
	}

	/**
	 * Finds a user. The cache key is the id itself (the default key of a one-argument
	 * method, so no expression is evaluated per call; the same key {@link UserCache}
	 * evicts).
	 * @param id the id
	 * @return the user, or empty when there is none
	 */
	@Cacheable(cacheNames = CacheNames.USERS, unless = "#result == null")
	public Optional<UserResponse> findById(long id) {
		return this.users.findById(id).map(UserResponse::of);
	}

	/**
	 * Reads one keyset page.
	 * @param name the username prefix, or {@code null} for all users
	 * @param after the last id of the previous page (0 for the first)
	 * @param limit the page size
	 * @return the page
	 */
	public UserPage page(@Nullable String name, long after, int limit) {
		String version = this.cache.listVersion();
		return (version != null) ? this.pages.cached(version, name, after, limit) : this.pages.load(name, after, limit);
	}

	/**
	 * Streams users ordered by id from a database cursor, holding at most one chunk of
	 * rows at a time.
	 * @param name the username prefix, or {@code null} for all users
	 * @param sink receives each user, in order
	 */
	public void stream(@Nullable String name, Consumer<UserResponse> sink) {
		try (Stream<UserRow> rows = (name == null || name.isEmpty()) ? this.users.streamAll()
				: this.users.streamInRange(name, name + UserRules.PREFIX_RANGE_END)) {
			Iterator<UserRow> iterator = rows.iterator();
			List<UserRow> chunk = new ArrayList<>(STREAM_CHUNK);
			while (iterator.hasNext()) {
				chunk.add(iterator.next());
				if (chunk.size() == STREAM_CHUNK) {
					emit(chunk, sink);
					chunk.clear();
				}
			}
			emit(chunk, sink);
		}
	}

	private void emit(List<UserRow> chunk, Consumer<UserResponse> sink) {
		if (chunk.isEmpty()) {
			return;
		}
		Map<Long, Set<Role>> roles = new HashMap<>();
		this.users.findRoles(chunk.stream().map(UserRow::id).toList())
			.forEach((role) -> roles.computeIfAbsent(role.userId(), (id) -> EnumSet.noneOf(Role.class))
				.add(role.role()));
		for (UserRow row : chunk) {
			List<Role> userRoles = List.copyOf(roles.getOrDefault(row.id(), EnumSet.noneOf(Role.class)));
			sink.accept(new UserResponse(row.id(), row.username(), row.email(), row.displayName(), row.bio(), userRoles,
					row.createdAt()));
		}
	}

}
