/**
 * Test fixtures shared by the cache tests.
 */
@NullMarked
package io.github.tieredcache.testing;

import org.jspecify.annotations.NullMarked;
