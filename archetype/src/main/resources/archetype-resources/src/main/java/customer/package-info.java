/**
 * The sample resource: customers, with validated input, keyset pages and an encrypted e-mail address.
 */
@NullMarked
package ${package}.customer;

import org.jspecify.annotations.NullMarked;
