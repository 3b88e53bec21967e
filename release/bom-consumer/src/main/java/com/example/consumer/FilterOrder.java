package com.example.consumer;

import dev.secureapi.security.SecureApiFilterOrders;

/** Compiles only when the starter and its dependencies resolve through the BOM. */
public final class FilterOrder {

	/** An order just after the kit's request-id filter. */
	public static final int AFTER_REQUEST_ID = SecureApiFilterOrders.REQUEST_ID + 1;

	private FilterOrder() {
	}

}
