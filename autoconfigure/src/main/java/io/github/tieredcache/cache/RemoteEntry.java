package io.github.tieredcache.cache;

/**
 * An entry read from the shared tier.
 *
 * @param value the stored value: the cached object, or Spring's
 * {@link org.springframework.cache.support.NullValue#INSTANCE} for a cached {@code null}
 * @param expiresAtMillis when the entry expires in the shared tier, in epoch milliseconds
 * @param writtenAtMillis when the entry was written, in epoch milliseconds
 */
public record RemoteEntry(Object value, long expiresAtMillis, long writtenAtMillis) {

}
