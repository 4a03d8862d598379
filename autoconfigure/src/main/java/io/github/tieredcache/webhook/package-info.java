/**
 * The signed invalidation webhook: external systems {@code POST} an event or keys,
 * patterns and tags to invalidate, signed with an HMAC-SHA256 over a timestamp and the
 * body; each signature is accepted once across all instances.
 */
@NullMarked
package io.github.tieredcache.webhook;

import org.jspecify.annotations.NullMarked;
