package io.github.tieredcache.serialization.untrusted;

import java.io.Serializable;

/**
 * A harmless value whose package is simply not in the allow-list.
 */
public record Unlisted(String name) implements Serializable {

}
