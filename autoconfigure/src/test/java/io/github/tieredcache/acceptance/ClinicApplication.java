package io.github.tieredcache.acceptance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.acceptance.ClinicRepositories.AuthorityRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.OwnerRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.SpecialtyRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.UserRepository;
import io.github.tieredcache.acceptance.ClinicRepositories.VetRepository;
import io.github.tieredcache.serialization.corpus.Authority;
import io.github.tieredcache.serialization.corpus.Owner;
import io.github.tieredcache.serialization.corpus.Pet;
import io.github.tieredcache.serialization.corpus.Specialty;
import io.github.tieredcache.serialization.corpus.User;
import io.github.tieredcache.serialization.corpus.Vet;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
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
@EntityScan(basePackageClasses = Vet.class)
@EnableJpaRepositories(considerNestedRepositories = true)
class ClinicApplication {

	@Bean
	Clinic clinic(VetRepository vets, SpecialtyRepository specialties, OwnerRepository owners, UserRepository users,
			AuthorityRepository authorities) {
		return new Clinic(vets, specialties, owners, users, authorities);
	}

	/**
	 * Cached reads of the clinic's data, counting the queries that reach the database.
	 */
	static class Clinic {

		private final VetRepository vets;

		private final SpecialtyRepository specialties;

		private final OwnerRepository owners;

		private final UserRepository users;

		private final AuthorityRepository authorities;

		private final AtomicInteger queries = new AtomicInteger();

		Clinic(VetRepository vets, SpecialtyRepository specialties, OwnerRepository owners, UserRepository users,
				AuthorityRepository authorities) {
			this.vets = vets;
			this.specialties = specialties;
			this.owners = owners;
			this.users = users;
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

		@Cacheable("owners")
		public Owner owner(int id) {
			this.queries.incrementAndGet();
			return this.owners.findWithPetsById(id).orElseThrow();
		}

		@Cacheable("users")
		public User user(String login) {
			this.queries.incrementAndGet();
			return this.users.findOneWithAuthoritiesByLogin(login).orElseThrow();
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
			Owner owner = new Owner();
			owner.setFirstName("George");
			owner.setLastName("Franklin");
			owner.setCity("Madison");
			owner.addPet(pet("Leo", LocalDate.parse("2020-09-07")));
			owner.addPet(pet("Basil", LocalDate.parse("2022-08-06")));
			this.owners.save(owner);
			Authority admin = this.authorities.save(new Authority("ROLE_ADMIN"));
			Authority user = this.authorities.save(new Authority("ROLE_USER"));
			User account = new User();
			account.setId(1L);
			account.setLogin("admin");
			account.setPassword("$2a$10$gSAhZrxMllrbgj/kkK9UceBPpChGWJA7SYIb1Mqo.n5aNLq1/oRrC");
			account.setActivated(true);
			account.setCreatedBy("system");
			account.setCreatedDate(Instant.parse("2026-01-01T00:00:00Z"));
			account.setLastModifiedBy("system");
			account.setLastModifiedDate(Instant.parse("2026-02-01T00:00:00Z"));
			account.getAuthorities().add(admin);
			account.getAuthorities().add(user);
			this.users.save(account);
		}

		private static Pet pet(String name, LocalDate birthDate) {
			Pet pet = new Pet();
			pet.setName(name);
			pet.setBirthDate(birthDate);
			return pet;
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
