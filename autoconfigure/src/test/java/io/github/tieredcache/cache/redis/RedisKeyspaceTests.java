package io.github.tieredcache.cache.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisKeyspace}.
 */
class RedisKeyspaceTests {

	@Test
	void longKeysAreHashed() {
		RedisKeyspace keyspace = new RedisKeyspace("shop", "products", 64);
		String shortKey = new String(keyspace.key("42"));
		String longKey = new String(keyspace.key("k".repeat(65)));
		String otherLongKey = new String(keyspace.key("k".repeat(64) + "j"));
		assertThat(shortKey).isEqualTo("shop:products:42");
		assertThat(longKey).startsWith("shop:products:~h:").hasSizeLessThan(64 + 20);
		assertThat(longKey).isNotEqualTo(otherLongKey);
	}

	@Test
	void cacheNamesWithSeparatorsCannotOverlapOtherCaches() {
		RedisKeyspace a = new RedisKeyspace("shop", "a", 256);
		RedisKeyspace ab = new RedisKeyspace("shop", "a:b", 256);
		assertThat(new String(ab.key("k"))).isEqualTo("shop:a%3Ab:k");
		assertThat(new String(a.keysMatching("*"))).isEqualTo("shop:a:*");
		assertThat(new String(a.key("b:k"))).isNotEqualTo(new String(ab.key("k")));
	}

	@Test
	void globCharactersInPrefixesAreEscapedButThePatternIsNot() {
		RedisKeyspace keyspace = new RedisKeyspace("shop[eu]*", "p?", 256);
		assertThat(new String(keyspace.keysMatching("*"))).isEqualTo("shop\\[eu\\]\\*:p\\?:*");
		assertThat(new String(keyspace.keysMatching("user:1?"))).isEqualTo("shop\\[eu\\]\\*:p\\?:user:1?");
	}

}
