package io.github.tieredcache.cache;

import java.time.Duration;

/**
 * One entry of a bulk write to the shared tier ({@link RemoteTier#putAll}).
 *
 * @param key the encoded cache key
 * @param value the value, or {@code NullValue.INSTANCE}
 * @param ttl the entry's time-to-live
 */
public record RemoteWrite(String key, Object value, Duration ttl) {

}
