/**
 * How the request's trace and span ids reach the log lines.
 */
@NullMarked
package ${package}.tracing;

import org.jspecify.annotations.NullMarked;
