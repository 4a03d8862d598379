package io.github.tieredcache.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.acceptance.ClinicRepositories.AccountRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.AuthorityRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.SpecialtyRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.VetRepository;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.annotation.Transactional;

/**
 * An application as users write them: JPA entities on a database, read through Spring's
 * own {@code @Cacheable}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
@EnableJpaRepositories(considerNestedRepositories = true)
class ClinicApplication {

	@Bean
	Clinic clinic(VetRepository vets, SpecialtyRepository specialties, AccountRepository accounts,
			AuthorityRepository authorities) {
		return new Clinic(vets, specialties, accounts, authorities);
	}

	/**
	 * Cached reads of the clinic's data, counting the queries that reach the database.
	 */
	static class Clinic {

		private final VetRepository vets;

		private final SpecialtyRepository specialties;

		private final AccountRepository accounts;

		private final AuthorityRepository authorities;

		private final AtomicInteger queries = new AtomicInteger();

		Clinic(VetRepository vets, SpecialtyRepository specialties, AccountRepository accounts,
				AuthorityRepository authorities) {
			this.vets = vets;
			this.specialties = specialties;
			this.accounts = accounts;
			this.authorities = authorities;
		}

		@Cacheable("vets")
		public List<Vet> allVets() {
			this.queries.incrementAndGet();
			return this.vets.findAll();
		}

		@Cacheable("vet")
		public Vet vet(int id) {
			this.queries.incrementAndGet();
			return this.vets.findById(id).orElseThrow();
		}

		@Cacheable("accounts")
		public Account account(String login) {
			this.queries.incrementAndGet();
			return this.accounts.findOneByLogin(login).orElseThrow();
		}

		int queries() {
			return this.queries.get();
		}

		/**
		 * Stores the same data on every instance's database.
		 */
		@Transactional
		public void seed() {
			Specialty radiology = specialty("radiology");
			Specialty surgery = specialty("surgery");
			Specialty dentistry = specialty("dentistry");
			vet("James", "Carter");
			vet("Helen", "Leary", radiology);
			vet("Linda", "Douglas", surgery, dentistry);
			vet("Rafael", "Ortega", surgery);
			Authority admin = this.authorities.save(new Authority("ROLE_ADMIN"));
			Authority user = this.authorities.save(new Authority("ROLE_USER"));
			Account account = new Account();
			account.setLogin("admin");
			account.setPassword("$2a$10$gSAhZrxMllrbgj/kkK9UceBPpChGWJA7SYIb1Mqo.n5aNLq1/oRrC");
			account.setActivated(true);
			account.setCreatedBy("system");
			account.setCreatedDate(Instant.parse("2026-01-01T00:00:00Z"));
			account.getAuthorities().add(admin);
			account.getAuthorities().add(user);
			this.accounts.save(account);
		}

		private Specialty specialty(String name) {
			Specialty specialty = new Specialty();
			specialty.setName(name);
			return this.specialties.save(specialty);
		}

		private void vet(String firstName, String lastName, Specialty... specialties) {
			Vet vet = new Vet();
			vet.setFirstName(firstName);
			vet.setLastName(lastName);
			for (Specialty specialty : specialties) {
				vet.addSpecialty(specialty);
			}
			this.vets.save(vet);
		}

	}

}
