/**
 * How the Redis client behaves while Redis is unreachable.
 */
@NullMarked
package ${package}.redis;

import org.jspecify.annotations.NullMarked;
