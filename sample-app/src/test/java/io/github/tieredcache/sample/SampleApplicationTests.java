package io.github.tieredcache.sample;

import java.util.List;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.cache.ClearTieredCaches;
import io.github.tieredcache.test.cache.TieredCacheAssertions;
import io.github.tieredcache.sample.database.DatabaseRoundTrips;
import io.github.tieredcache.sample.exploit.ExploitService;
import io.github.tieredcache.sample.exploit.ExploitView;
import io.github.tieredcache.test.redis.RealRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@code @Cacheable} on the sample's exploit lookup and {@code @Cached} on its
 * lists are served by the tiered cache: an L1 hit after the first lookup, then an L2 hit,
 * read back from Redis's JSON, once L1 has forgotten it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestRedisConfiguration.class)
@RealRedis
@ClearTieredCaches
class SampleApplicationTests {

	@Autowired
	private ExploitService exploits;

	@Autowired
	private DatabaseRoundTrips database;

	@Autowired
	private CacheManager cacheManager;

	@Autowired
	private StringRedisTemplate redis;

	@Value("${tiered-cache.key-prefix}")
	private String keyPrefix;

	@Test
	void secondLookupIsAnL1HitAndTheExploitIsInRedis() {
		long id = anyExploitId();
		long before = this.database.count();
		ExploitView first = this.exploits.find(id);
		ExploitView second = this.exploits.find(id);
		assertThat(second).isEqualTo(first);
		assertThat(this.database.count() - before).isOne();
		assertThat(this.cacheManager).isInstanceOf(TieredCacheManager.class);
		TieredCacheAssertions.assertThat(exploitCache()).hasLoads(1).hasL1Hits(1).containsKey(id);
		assertThat(this.redis.hasKey(this.keyPrefix + ":exploit:" + id)).isTrue();
	}

	@Test
	void afterL1IsEmptiedTheExploitComesFromRedisWithoutAQuery() {
		long id = anyExploitId();
		ExploitView cached = this.exploits.find(id);
		exploitCache().localTier().clear();
		long before = this.database.count();
		assertThat(this.exploits.find(id)).isEqualTo(cached);
		assertThat(this.database.count()).isEqualTo(before);
		TieredCacheAssertions.assertThat(exploitCache()).hasLoads(1).hasL2Hits(1);
	}

	@Test
	void afterL1IsEmptiedTheChainsListComesFromRedisWithoutAQuery() {
		List<ExploitView> cached = this.exploits.recent("gnosis");
		TieredCache lists = (TieredCache) this.cacheManager.getCache("exploits");
		lists.localTier().clear();
		long before = this.database.count();
		assertThat(this.exploits.recent("gnosis")).isEqualTo(cached).hasSize(15);
		assertThat(this.database.count()).isEqualTo(before);
		TieredCacheAssertions.assertThat(lists).hasL2Hits(1);
		assertThat(this.redis.hasKey(this.keyPrefix + ":exploits:gnosis")).isTrue();
	}

	private long anyExploitId() {
		return this.exploits.recent("optimism").get(0).id();
	}

	private TieredCache exploitCache() {
		return (TieredCache) this.cacheManager.getCache("exploit");
	}

}
