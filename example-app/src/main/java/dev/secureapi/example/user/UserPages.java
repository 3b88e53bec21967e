package dev.secureapi.example.user;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.secureapi.example.cache.CacheNames;

/**
 * Keyset pages of users, read from the database or from the cache under the current list
 * version.
 */
@Component
@Transactional(readOnly = true)
public class UserPages {

	private final UserRepository users;

	UserPages(UserRepository users) {
		this.users = users;
	}

	/**
	 * Reads a page through the cache.
	 * @param version the current list version
	 * @param name the username prefix, or {@code null} for all users
	 * @param after the last id of the previous page
	 * @param limit the page size
	 * @return the page
	 */
	@Cacheable(cacheNames = CacheNames.USER_PAGES,
			key = "#version + '|' + #after + '|' + #limit + '|' + (#name == null ? '' : #name)")
	public UserPage cached(String version, @Nullable String name, long after, int limit) {
		return load(name, after, limit);
	}

	/**
	 * Reads a page from the database.
	 * @param name the username prefix, or {@code null} for all users
	 * @param after the last id of the previous page
	 * @param limit the page size
	 * @return the page
	 */
	public UserPage load(@Nullable String name, long after, int limit) {
		// one row more than asked tells whether there is a next page
		Limit probe = Limit.of(limit + 1);
		List<Long> ids = (name == null || name.isEmpty()) ? this.users.findPageIds(after, probe)
				: this.users.findPageIdsInRange(name, name + UserRules.PREFIX_RANGE_END, after, probe);
		boolean more = ids.size() > limit;
		List<Long> pageIds = more ? ids.subList(0, limit) : ids;
		List<UserResponse> items = pageIds.isEmpty() ? List.of()
				: this.users.findByIdInOrderById(pageIds).stream().map(UserResponse::of).toList();
		Long nextAfter = (more && !items.isEmpty()) ? items.get(items.size() - 1).id() : null;
		return new UserPage(items, nextAfter);
	}

}
