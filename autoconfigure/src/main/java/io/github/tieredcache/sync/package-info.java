/**
 * Keeping every instance's L1 consistent: the
 * {@link io.github.tieredcache.sync.InvalidationBus} tells other instances over Redis
 * pub/sub what a write or an eviction on this instance made stale, and flushes this
 * instance's L1 when it may have missed such a message.
 */
@NullMarked
package io.github.tieredcache.sync;

import org.jspecify.annotations.NullMarked;
