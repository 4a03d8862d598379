package io.github.tieredcache.acceptance;

import java.util.Optional;

import io.github.tieredcache.serialization.corpus.Authority;
import io.github.tieredcache.serialization.corpus.Owner;
import io.github.tieredcache.serialization.corpus.Specialty;
import io.github.tieredcache.serialization.corpus.User;
import io.github.tieredcache.serialization.corpus.Vet;

import org.springframework.data.jpa.repository.EntityGraph;
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

	interface OwnerRepository extends JpaRepository<Owner, Integer> {

		@EntityGraph(attributePaths = "pets")
		Optional<Owner> findWithPetsById(Integer id);

	}

	interface UserRepository extends JpaRepository<User, Long> {

		@EntityGraph(attributePaths = "authorities")
		Optional<User> findOneWithAuthoritiesByLogin(String login);

	}

	interface AuthorityRepository extends JpaRepository<Authority, String> {

	}

}
