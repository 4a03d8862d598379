/**
 * Spring Boot auto-configuration of the tiered cache:
 * {@link io.github.tieredcache.autoconfigure.TieredCacheProperties}
 * ({@code tiered-cache.*}), the beans, and start-up failure analysis for bad settings.
 */
@NullMarked
package io.github.tieredcache.autoconfigure;

import org.jspecify.annotations.NullMarked;
