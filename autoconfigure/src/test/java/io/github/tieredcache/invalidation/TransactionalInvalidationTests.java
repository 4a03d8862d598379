package io.github.tieredcache.invalidation;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The user story on a real Redis and a real transaction manager (H2 over JDBC): a
 * transactional service saves an exploit and publishes an event; after the commit the
 * entry for that chain is gone from L1 and L2, other chains stay cached; on a rollback
 * nothing is invalidated.
 */
@SpringBootTest(classes = TransactionalInvalidationTests.ExploitApplication.class,
		properties = "spring.datasource.url=jdbc:h2:mem:exploits;DB_CLOSE_DELAY=-1")
@RealRedis
class TransactionalInvalidationTests {

	private static final String KEY_PREFIX = "tx-tests-" + UUID.randomUUID();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> KEY_PREFIX);
	}

	@Autowired
	private ExploitService exploits;

	@Autowired
	private TieredCacheManager cacheManager;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private CountingTransactionManager transactions;

	@Autowired
	private ApplicationEventPublisher events;

	@BeforeEach
	void emptyDatabaseAndCache() {
		this.jdbc.execute("create table if not exists exploit (id identity, chain varchar(20), name varchar(50))");
		this.jdbc.execute("delete from exploit");
		cache().clear();
	}

	@Test
	void afterTheCommitTheChainIsGoneFromBothTiersAndOtherChainsStayCached(RedisServer redis) {
		assertThat(this.exploits.recent("eth")).isEmpty();
		assertThat(this.exploits.recent("btc")).isEmpty();
		int queries = this.exploits.queries();

		this.exploits.save("eth", "bridge drain");

		assertThat(inL1("eth")).isFalse();
		assertThat(redis.command("EXISTS", KEY_PREFIX + ":exploits:eth")).isEqualTo("0");
		assertThat(inL1("btc")).isTrue();
		assertThat(redis.command("EXISTS", KEY_PREFIX + ":exploits:btc")).isEqualTo("1");
		assertThat(this.exploits.recent("eth")).containsExactly("bridge drain");
		assertThat(this.exploits.recent("btc")).isEmpty();
		assertThat(this.exploits.queries()).isEqualTo(queries + 1);
	}

	@Test
	void insideTheTransactionTheEntryStaysUntilTheCommit() {
		this.exploits.recent("eth");
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.events.publishEvent(new ExploitService.ExploitSaved("eth"));
			assertThat(inL1("eth")).as("before the commit").isTrue();
		});
		assertThat(inL1("eth")).as("after the commit").isFalse();
	}

	@Test
	void aRollbackInvalidatesNothing() {
		this.exploits.recent("eth");
		int queries = this.exploits.queries();
		assertThatIllegalStateException().isThrownBy(() -> this.exploits.saveAndFail("eth", "never committed"));
		assertThat(inL1("eth")).isTrue();
		assertThat(this.exploits.recent("eth")).isEmpty();
		assertThat(this.exploits.queries()).isEqualTo(queries);
	}

	@Test
	void theCacheSitsOutsideTheTransactionSoAHitOpensNone() {
		this.exploits.recent("sol");
		assertThat(this.exploits.queriedInTransaction()).isTrue();
		int begun = this.transactions.begun();
		this.exploits.recent("sol");
		assertThat(this.transactions.begun()).isEqualTo(begun);
	}

	private TieredCache cache() {
		return this.cacheManager.getCache("exploits");
	}

	private boolean inL1(String chain) {
		TieredCache cache = cache();
		return cache.localTier().get(cache.encodeKey(chain)) != null;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(
			exclude = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	static class ExploitApplication {

		@Bean
		ExploitService exploitService(JdbcTemplate jdbc, ApplicationEventPublisher events) {
			return new ExploitService(jdbc, events);
		}

		@Bean
		CountingTransactionManager transactionManager(DataSource dataSource) {
			return new CountingTransactionManager(dataSource);
		}

	}

	/**
	 * Counts the transactions it begins.
	 */
	static class CountingTransactionManager extends DataSourceTransactionManager {

		private final AtomicInteger begun = new AtomicInteger();

		CountingTransactionManager(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.begun.incrementAndGet();
			super.doBegin(transaction, definition);
		}

		int begun() {
			return this.begun.get();
		}

	}

}
