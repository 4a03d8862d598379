package io.github.tieredcache.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.acceptance.ClinicApplication.Clinic;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.serialization.corpus.Authority;
import io.github.tieredcache.serialization.corpus.Owner;
import io.github.tieredcache.serialization.corpus.Pet;
import io.github.tieredcache.serialization.corpus.Specialty;
import io.github.tieredcache.serialization.corpus.User;
import io.github.tieredcache.serialization.corpus.Vet;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application with JPA entities shaped as real applications shape
 * them (a PetClinic-like {@code Vet} whose getter differs from its field, an
 * {@code Owner} and its pets pointing back at it, a generated application's {@code User}
 * with {@code @JsonIgnore} on what logging in needs), read through Spring's own
 * {@code @Cacheable}, on one Redis: the second instance reads what the first stored,
 * exactly as stored, and from the second round on both answer from L1 alone.
 */
@RealRedis
class RealApplicationAcceptanceTests {

	private static final List<String> CACHES = List.of("vets", "vet", "owners", "users");

	private final String keyPrefix = "clinic-" + UUID.randomUUID();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startTwoInstances() {
		this.first = start();
		this.second = start();
	}

	@AfterEach
	void stopInstances() {
		this.second.close();
		this.first.close();
	}

	@Test
	void theSecondInstanceReadsEveryEntityExactlyAsTheFirstStoredIt() {
		Clinic onFirst = clinic(this.first);
		Clinic onSecond = clinic(this.second);
		List<Vet> vets = onFirst.allVets();
		Vet linda = onFirst.vet(3);
		Owner george = onFirst.owner(1);
		User admin = onFirst.user("admin");

		assertThat(onSecond.allVets()).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(vets);
		assertThat(onSecond.vet(3)).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(linda);
		Owner georgeOnSecond = onSecond.owner(1);
		assertThat(georgeOnSecond).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(george);
		assertThat(georgeOnSecond.getPets()).extracting(Pet::getOwner)
			.as("each pet's owner is the owner itself, as loaded")
			.allSatisfy((owner) -> assertThat(owner).isSameAs(georgeOnSecond));
		User adminOnSecond = onSecond.user("admin");
		assertThat(adminOnSecond).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(admin);
		assertThat(adminOnSecond.getPassword()).as("the password hash, @JsonIgnore'd for the REST API")
			.isEqualTo(admin.getPassword())
			.isNotBlank();
		assertThat(adminOnSecond.getAuthorities()).extracting(Authority::getName)
			.containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_USER");
		assertThat(adminOnSecond.getCreatedBy()).isEqualTo("system");
		assertThat(onSecond.vet(3).getSpecialties()).extracting(Specialty::getName)
			.containsExactly("dentistry", "surgery");
		assertThat(onSecond.vet(3).getNrOfSpecialties()).isEqualTo(2);

		assertThat(onSecond.queries()).as("the second instance never reached its database").isZero();
		for (String cache : CACHES) {
			assertThat(stats(this.first, cache).l2UnreadableValues()).isZero();
			assertThat(stats(this.second, cache).l2UnreadableValues()).isZero();
			assertThat(stats(this.second, cache).l2UnwritableValues()).isZero();
		}
	}

	@Test
	void fromTheSecondRoundOnBothInstancesAnswerFromL1Alone() {
		for (ConfigurableApplicationContext instance : List.of(this.first, this.second)) {
			readEverything(clinic(instance));
		}
		deliverEverythingPublishedSoFar(this.first, this.second);
		deliverEverythingPublishedSoFar(this.second, this.first);
		int queriesOnFirst = clinic(this.first).queries();
		long[] hitsBefore = { l1Hits(this.first), l1Hits(this.second) };
		long[] getsBefore = { gets(this.first), gets(this.second) };

		readEverything(clinic(this.first));
		readEverything(clinic(this.second));

		assertThat(l1Hits(this.first) - hitsBefore[0]).isEqualTo(gets(this.first) - getsBefore[0])
			.isEqualTo(CACHES.size());
		assertThat(l1Hits(this.second) - hitsBefore[1]).isEqualTo(gets(this.second) - getsBefore[1])
			.isEqualTo(CACHES.size());
		assertThat(clinic(this.first).queries()).isEqualTo(queriesOnFirst).isEqualTo(CACHES.size());
		assertThat(clinic(this.second).queries()).isZero();
		for (String cache : CACHES) {
			assertThat(stats(this.second, cache).loadSuccesses()).isZero();
			assertThat(stats(this.first, cache).loadSuccesses()).isEqualTo(1);
		}
	}

	private static void readEverything(Clinic clinic) {
		clinic.allVets();
		clinic.vet(3);
		clinic.owner(1);
		clinic.user("admin");
	}

	private static long l1Hits(ConfigurableApplicationContext instance) {
		return CACHES.stream().mapToLong((cache) -> stats(instance, cache).l1Hits()).sum();
	}

	private static long gets(ConfigurableApplicationContext instance) {
		return CACHES.stream().mapToLong((cache) -> {
			TieredCacheStats stats = stats(instance, cache);
			return stats.l1Hits() + stats.l1Misses();
		}).sum();
	}

	/**
	 * Messages on the bus arrive in the order they were published: once an eviction
	 * published after everything else has reached the other instance, so has everything
	 * before it.
	 */
	private static void deliverEverythingPublishedSoFar(ConfigurableApplicationContext from,
			ConfigurableApplicationContext to) {
		TieredCache markers = cache(to, "markers");
		String marker = UUID.randomUUID().toString();
		markers.get(marker, () -> "x");
		cache(from, "markers").evict(marker);
		await().atMost(Duration.ofSeconds(5)).until(() -> markers.localTier().get(marker) == null);
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClinicApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.data.redis.url=" + RedisServers.shared().url(),
					"--tiered-cache.key-prefix=" + this.keyPrefix,
					"--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--spring.jpa.open-in-view=false",
					// The entities live outside the application's own packages, as they
					// often do
					"--tiered-cache.serialization.allowed-packages=" + Vet.class.getPackageName());
		context.getBean(Clinic.class).seed();
		assertThat(context.getBean(InvalidationBus.class).firstSubscription()).succeedsWithin(Duration.ofSeconds(10));
		return context;
	}

	private static Clinic clinic(ConfigurableApplicationContext instance) {
		return instance.getBean(Clinic.class);
	}

	private static TieredCache cache(ConfigurableApplicationContext instance, String name) {
		return instance.getBean(TieredCacheManager.class).getCache(name);
	}

	private static TieredCacheStats stats(ConfigurableApplicationContext instance, String name) {
		return cache(instance, name).statistics().snapshot();
	}

}
