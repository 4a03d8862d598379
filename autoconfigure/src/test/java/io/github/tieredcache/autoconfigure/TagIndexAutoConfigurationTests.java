package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.invalidation.LocalTagIndex;
import io.github.tieredcache.invalidation.RedisTagIndex;
import io.github.tieredcache.invalidation.TagIndex;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags are recorded in Redis when the application has Redis, so that a tag invalidated on
 * one instance removes entries tagged on another, and in memory otherwise.
 */
class TagIndexAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class));

	@Test
	void withRedisTagsAreRecordedInRedis() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(TagIndex.class).isInstanceOf(RedisTagIndex.class));
	}

	@Test
	void withoutRedisTagsAreRecordedInMemory() {
		this.runner.run((context) -> assertThat(context).getBean(TagIndex.class).isInstanceOf(LocalTagIndex.class));
	}

}
