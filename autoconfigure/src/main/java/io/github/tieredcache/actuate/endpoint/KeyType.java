package io.github.tieredcache.actuate.endpoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * How the endpoint turns a key given as text into the cache key to evict. The key type
 * matters: the in-process tier tells {@code 42L} from {@code "42"}, so evicting a cache
 * filled by {@code find(long id)} needs {@code keyType=long}.
 */
enum KeyType {

	STRING((key) -> key), LONG(Long::valueOf), INT(Integer::valueOf), UUID(java.util.UUID::fromString);

	private final Function<String, Object> parser;

	KeyType(Function<String, Object> parser) {
		this.parser = parser;
	}

	static KeyType of(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return STRING;
		}
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			String valid = Arrays.stream(values()).map(KeyType::toString).collect(Collectors.joining(", "));
			throw new InvalidEndpointRequestException("Unknown keyType '" + name + "'; use one of " + valid,
					"Unknown keyType");
		}
	}

	Object parse(String key) {
		try {
			return this.parser.apply(key);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Key '" + key + "' is not a valid " + this, "Invalid key");
		}
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
