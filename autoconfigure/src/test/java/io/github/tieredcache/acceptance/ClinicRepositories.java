package io.github.tieredcache.acceptance;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The clinic's Spring Data repositories.
 */
final class ClinicRepositories {

	private ClinicRepositories() {
	}

	interface VetRepository extends JpaRepository<Vet, Integer> {

	}

	interface SpecialtyRepository extends JpaRepository<Specialty, Integer> {

	}

	interface AccountRepository extends JpaRepository<Account, Long> {

		Optional<Account> findOneByLogin(String login);

	}

	interface AuthorityRepository extends JpaRepository<Authority, String> {

	}

}
