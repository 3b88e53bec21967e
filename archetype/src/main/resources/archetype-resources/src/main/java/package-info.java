/**
 * The ${artifactId} service.
 */
@NullMarked
package ${package};

import org.jspecify.annotations.NullMarked;
