/**
 * Finding a Redis for the sample on a developer's machine: the configured one, one
 * started from {@code compose.yaml} by Spring Boot's Docker Compose support, an embedded
 * {@code redis-server}, or none (L1 only). Sample code: the starter never starts a Redis.
 */
@NullMarked
package io.github.tieredcache.sample.redis;

import org.jspecify.annotations.NullMarked;
