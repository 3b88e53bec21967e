package ${package}.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One keyset page of customers ordered by id.
 *
 * @param items the customers on this page
 * @param nextAfter the {@code after} value for the next page, or {@code null} on the last page
 */
public record CustomerPage(List<CustomerResponse> items, @Nullable Long nextAfter) {

	public CustomerPage {
		items = List.copyOf(items);
	}

}
