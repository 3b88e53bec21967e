/**
 * Who may call what.
 */
@NullMarked
package ${package}.security;

import org.jspecify.annotations.NullMarked;
