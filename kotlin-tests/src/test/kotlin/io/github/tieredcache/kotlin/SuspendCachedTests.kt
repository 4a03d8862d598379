package io.github.tieredcache.kotlin

import io.github.tieredcache.annotation.Cached
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration
import io.github.tieredcache.cache.TieredCache
import io.github.tieredcache.cache.TieredCacheManager
import io.github.tieredcache.test.redis.RealRedis
import io.github.tieredcache.test.redis.RedisServer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.awaitility.Awaitility.await
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.ApplicationContext
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import java.time.Duration
import java.util.UUID
import java.util.concurrent.atomic.AtomicInteger

/**
 * `@Cached` on Kotlin `suspend` functions: Spring's proxies call them as methods returning a `Mono`
 * (with kotlinx-coroutines-reactor), so they are cached as reactive methods are, with the caller's
 * continuation left out of the key; two instances share one Redis.
 */
@RealRedis
class SuspendCachedTests {

	private lateinit var redis: RedisServer

	private lateinit var prefix: String

	private lateinit var runner: ApplicationContextRunner

	@BeforeEach
	fun prepare(redis: RedisServer) {
		this.redis = redis
		this.prefix = "suspend-" + UUID.randomUUID()
		this.runner = ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration::class.java,
				TieredCacheAutoConfiguration::class.java, TieredCacheAnnotationsAutoConfiguration::class.java))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "tiered-cache.key-prefix=$prefix")
			.withUserConfiguration(Beans::class.java)
	}

	@Test
	fun `a value one instance loaded is answered from L1 there and read from Redis by the other`() {
		runner.run { a ->
			runner.run { b ->
				runBlocking {
					assertThat(prices(a).price("ACME")).isEqualTo("ACME#1")
					assertThat(prices(a).price("ACME")).isEqualTo("ACME#1")
					assertThat(prices(b).price("ACME")).isEqualTo("ACME#1")
				}
				assertThat(prices(a).calls.get()).isEqualTo(1)
				assertThat(prices(b).calls.get()).isZero()
				// The key is the symbol alone: the continuation is no part of it
				assertThat(redis.command("EXISTS", "$prefix:prices:ACME")).isEqualTo("1")
				assertThat(cache(a).statistics().snapshot().l1Hits()).isEqualTo(1)
				assertThat(cache(b).statistics().snapshot().l2Hits()).isEqualTo(1)
			}
		}
	}

	@Test
	fun `concurrent coroutines missing one key share one load`() {
		runner.run { context ->
			val prices = prices(context)
			val answers = runBlocking {
				(1..20).map { async(Dispatchers.Default) { prices.price("HOT") } }.awaitAll()
			}
			assertThat(answers).containsOnly("HOT#1")
			assertThat(prices.calls.get()).isEqualTo(1)
		}
	}

	@Test
	fun `an exception thrown by the function reaches the caller unchanged and nothing is cached`() {
		runner.run { context ->
			val prices = prices(context)
			assertThatExceptionOfType(IllegalStateException::class.java)
				.isThrownBy { runBlocking { prices.failing("BAD") } }
				.withMessage("no quote for BAD")
			assertThatExceptionOfType(IllegalStateException::class.java)
				.isThrownBy { runBlocking { prices.failing("BAD") } }
			assertThat(prices.failures.get()).isEqualTo(2)
			// The lease is given back in the background, after the caller has its failure; a cached value would stay
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted { assertThat(redis.command("EXISTS", "$prefix:prices:BAD")).isEqualTo("0") }
		}
	}

	@Test
	fun `a caller that gives up does not stop the load for the next one`() {
		runner.run { context ->
			val prices = prices(context)
			runBlocking {
				assertThatExceptionOfType(Exception::class.java)
					.isThrownBy { runBlocking { withTimeout(20) { prices.slow("SLOW") } } }
				assertThat(withTimeout(10_000) { prices.slow("SLOW") }).isEqualTo("SLOW#1")
			}
		}
	}

	private fun prices(context: ApplicationContext): Prices = context.getBean(Prices::class.java)

	private fun cache(context: ApplicationContext): TieredCache =
		context.getBean(TieredCacheManager::class.java).getCache("prices")!!

	@Configuration(proxyBeanMethods = false)
	open class Beans {

		@Bean
		open fun prices(): Prices = Prices()

	}

	open class Prices {

		open val calls = AtomicInteger()

		open val failures = AtomicInteger()

		private val slowCalls = AtomicInteger()

		@Cached(cache = "prices", key = "#symbol")
		open suspend fun price(symbol: String): String {
			delay(50)
			return symbol + "#" + calls.incrementAndGet()
		}

		@Cached(cache = "prices", key = "#symbol")
		open suspend fun failing(symbol: String): String {
			failures.incrementAndGet()
			delay(10)
			throw IllegalStateException("no quote for $symbol")
		}

		@Cached(cache = "prices", key = "'slow-' + #symbol")
		open suspend fun slow(symbol: String): String {
			delay(500)
			return symbol + "#" + slowCalls.incrementAndGet()
		}

	}

}
