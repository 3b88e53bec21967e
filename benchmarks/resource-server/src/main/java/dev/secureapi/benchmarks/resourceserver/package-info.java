/**
 * The benchmark application (see {@code benchmarks/run.sh}).
 */
package dev.secureapi.benchmarks.resourceserver;
