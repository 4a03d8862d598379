package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.actuate.RedisRemoteTierProbe;
import io.github.tieredcache.aspect.CachedAdvisor;
import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.http.ResponseCaching;
import io.github.tieredcache.invalidation.LocalTagIndex;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.warming.CacheWarming;
import io.github.tieredcache.warming.ScheduledWarming;
import io.github.tieredcache.warming.StartupWarming;
import io.github.tieredcache.webhook.InvalidationWebhook;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties classes keep literal defaults, since the configuration processor shows
 * only defaults it can read in the class itself (it cannot follow a constant of another
 * class into the IDE metadata). These tests hold every such literal to the library
 * constant that decides the default.
 */
class PropertyDefaultsTests {

	private final TieredCacheProperties properties = new TieredCacheProperties();

	private final TieredCacheWarmingProperties warming = new TieredCacheWarmingProperties();

	@Test
	void httpDefaultsAreTheResponseCachingDefaults() {
		TieredCacheHttpProperties http = new TieredCacheHttpProperties();
		assertThat(http.isEnabled()).isTrue();
		assertThat(http.isSkipAuthenticated()).isTrue();
		assertThat(http.isHonorClientNoCache()).isFalse();
		assertThat(http.getMaxBodySize()).isEqualTo(DataSize.ofBytes(ResponseCaching.DEFAULT_MAX_BODY_SIZE));
		assertThat(http.getStatusHeader()).isEqualTo(ResponseCaching.DEFAULT_STATUS_HEADER);
	}

	@Test
	void webhookDefaultsAreTheWebhookDefaults() {
		TieredCacheWebhookProperties webhook = new TieredCacheWebhookProperties();
		assertThat(webhook.getPath()).isEqualTo(InvalidationWebhook.DEFAULT_PATH);
		assertThat(webhook.getTolerance()).isEqualTo(InvalidationWebhook.DEFAULT_TOLERANCE);
		assertThat(webhook.getMaxBodySize()).isEqualTo(DataSize.ofBytes(InvalidationWebhook.DEFAULT_MAX_BODY_SIZE));
		assertThat(webhook.getSecret()).isNull();
	}

	@Test
	void cacheDefaultsAreTheSpecDefaults() {
		TieredCacheProperties.Defaults defaults = this.properties.getDefaults();
		assertThat(defaults.getTtl()).isEqualTo(CacheSpec.DEFAULT_TTL);
		assertThat(defaults.getTtlJitter()).isEqualTo(CacheSpec.DEFAULT_TTL_JITTER);
		assertThat(defaults.isCacheNullValues()).isEqualTo(CacheSpec.DEFAULT_CACHE_NULL_VALUES);
		assertThat(defaults.getNullValueTtl()).isEqualTo(CacheSpec.DEFAULT_NULL_VALUE_TTL);
		assertThat(defaults.getLeaseTtl()).isEqualTo(CacheSpec.DEFAULT_LEASE_TTL);
		assertThat(defaults.getSingleFlight()).isEqualTo(CacheSpec.DEFAULT_SINGLE_FLIGHT);
		assertThat(defaults.getSingleFlightWait()).isEqualTo(CacheSpec.DEFAULT_SINGLE_FLIGHT_WAIT);
		assertThat(defaults.getRefreshAhead()).isEqualTo(CacheSpec.DEFAULT_REFRESH_AHEAD);
		assertThat(defaults.getHotKeys()).isEqualTo(CacheSpec.DEFAULT_HOT_KEYS);
		assertThat(defaults.getHotKeyRefreshBefore()).isEqualTo(CacheSpec.DEFAULT_HOT_KEY_REFRESH_BEFORE);
		assertThat(defaults.getL1().isEnabled()).isEqualTo(CacheSpec.DEFAULT_L1_ENABLED);
		assertThat(defaults.getL1().getMaxSize()).isEqualTo(CacheSpec.DEFAULT_L1_MAX_SIZE);
		assertThat(defaults.getL1().getTtl()).isEqualTo(CacheSpec.DEFAULT_L1_TTL);
		assertThat(defaults.getL2().isEnabled()).isEqualTo(CacheSpec.DEFAULT_L2_ENABLED);
		assertThat(defaults.getL2().getMaxValueSize()).isEqualTo(DataSize.ofBytes(CacheSpec.DEFAULT_L2_MAX_VALUE_SIZE));
	}

	@Test
	void unconfiguredPropertiesResolveToTheSpecBuildersDefaults() {
		assertThat(new CacheSpecResolver(this.properties).defaults()).isEqualTo(CacheSpec.builder("default").build());
	}

	@Test
	void topLevelDefaultsAreTheLibraryDefaults() {
		assertThat(this.properties.isCreateOnDemand()).isEqualTo(TieredCacheManager.DEFAULT_CREATE_ON_DEMAND);
		assertThat(this.properties.getInvalidation().getMaxLocalTags()).isEqualTo(LocalTagIndex.DEFAULT_MAX_TAGS);
		assertThat(this.properties.getHealth().getPingTimeout()).isEqualTo(RedisRemoteTierProbe.DEFAULT_TIMEOUT);
		assertThat(this.properties.getReactive().getMaxFluxElements())
			.isEqualTo(CachedAdvisor.DEFAULT_MAX_FLUX_ELEMENTS);
	}

	@Test
	void redisDefaultsAreTheRedisTierDefaults() {
		TieredCacheProperties.Redis redis = this.properties.getRedis();
		assertThat(redis.getMaxKeyLength()).isEqualTo(RedisTierFactory.DEFAULT_MAX_KEY_LENGTH);
		assertThat(redis.getClearBatchSize()).isEqualTo(RedisTierFactory.DEFAULT_CLEAR_BATCH_SIZE);
		assertThat(redis.getTimeout()).isEqualTo(RedisTierFactory.DEFAULT_TIMEOUT)
			.isEqualTo(InvalidationBus.DEFAULT_COMMAND_TIMEOUT);
		assertThat(redis.getMaxPendingInvalidations()).isEqualTo(RemoteTierGuard.DEFAULT_MAX_PENDING_INVALIDATIONS);
		assertThat(redis.getMaxReconnectDelay()).isEqualTo(RedisRecovery.DEFAULT_MAX_RECONNECT_DELAY);
	}

	@Test
	void circuitBreakerDefaultsAreTheGuardDefaults() {
		TieredCacheProperties.Redis.CircuitBreaker breaker = this.properties.getRedis().getCircuitBreaker();
		assertThat(breaker.isEnabled()).isEqualTo(RemoteTierGuard.DEFAULT_ENABLED);
		assertThat(breaker.getFailureRateThreshold()).isEqualTo(RemoteTierGuard.DEFAULT_FAILURE_RATE_THRESHOLD);
		assertThat(breaker.getSlowCallRateThreshold()).isEqualTo(RemoteTierGuard.DEFAULT_SLOW_CALL_RATE_THRESHOLD);
		assertThat(breaker.getSlowCallDurationThreshold())
			.isEqualTo(RemoteTierGuard.DEFAULT_SLOW_CALL_DURATION_THRESHOLD);
		assertThat(breaker.getSlidingWindowType()).isEqualTo(RemoteTierGuard.DEFAULT_SLIDING_WINDOW_TYPE);
		assertThat(breaker.getSlidingWindowSize()).isEqualTo(RemoteTierGuard.DEFAULT_SLIDING_WINDOW_SIZE);
		assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(RemoteTierGuard.DEFAULT_MINIMUM_NUMBER_OF_CALLS);
		assertThat(breaker.getWaitDurationInOpenState()).isEqualTo(RemoteTierGuard.DEFAULT_WAIT_DURATION_IN_OPEN_STATE);
		assertThat(breaker.getPermittedCallsInHalfOpenState())
			.isEqualTo(RemoteTierGuard.DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);
	}

	@Test
	void syncDefaultsAreTheBusDefaults() {
		TieredCacheProperties.Sync sync = this.properties.getSync();
		assertThat(sync.getHeartbeatInterval()).isEqualTo(InvalidationBus.DEFAULT_HEARTBEAT_INTERVAL);
		assertThat(sync.getMissedHeartbeats()).isEqualTo(InvalidationBus.DEFAULT_MISSED_HEARTBEATS);
		assertThat(sync.getBatchWindow()).isEqualTo(InvalidationBus.DEFAULT_BATCH_WINDOW);
		assertThat(sync.getBatchSize()).isEqualTo(InvalidationBus.DEFAULT_BATCH_SIZE);
		assertThat(sync.getQueueCapacity()).isEqualTo(InvalidationBus.DEFAULT_QUEUE_CAPACITY);
	}

	@Test
	void warmingDefaultsAreTheWarmingDefaults() {
		assertThat(this.warming.getTimeout()).isEqualTo(CacheWarming.DEFAULT_TIMEOUT);
		assertThat(this.warming.getMaxConcurrency()).isEqualTo(CacheWarming.DEFAULT_MAX_CONCURRENCY);
		assertThat(this.warming.getStartupTimeout()).isEqualTo(StartupWarming.DEFAULT_TIMEOUT);
		assertThat(this.warming.getProgressInterval()).isEqualTo(StartupWarming.DEFAULT_PROGRESS_INTERVAL);
		assertThat(this.warming.getJitter()).isEqualTo(ScheduledWarming.DEFAULT_JITTER);
	}

}
