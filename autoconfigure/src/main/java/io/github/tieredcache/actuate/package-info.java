/**
 * What the actuator endpoint and the health contributor need to know about the shared
 * tier: {@link io.github.tieredcache.actuate.RemoteTierProbe} and its Redis
 * implementation.
 */
@NullMarked
package io.github.tieredcache.actuate;

import org.jspecify.annotations.NullMarked;
