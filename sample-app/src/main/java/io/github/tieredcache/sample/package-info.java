/**
 * The sample application: an exploit-intelligence REST API using the tiered cache.
 */
@NullMarked
package io.github.tieredcache.sample;

import org.jspecify.annotations.NullMarked;
