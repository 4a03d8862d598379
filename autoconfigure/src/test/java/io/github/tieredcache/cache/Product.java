package io.github.tieredcache.cache;

import java.io.Serializable;
import java.util.List;

/**
 * A value type for cache tests.
 */
record Product(String id, String name, List<String> tags) implements Serializable {

	Product(String id, String name) {
		this(id, name, List.of());
	}

}
