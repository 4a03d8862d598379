package io.github.tieredcache.serialization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.tieredcache.serialization.fixtures.Author;
import io.github.tieredcache.serialization.fixtures.Book;
import jakarta.persistence.PersistenceConfiguration;
import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Entities loaded by a real Hibernate session (H2 in memory), whose collections are
 * Hibernate's own classes.
 */
class HibernateEntitySerializationTests {

	private static final TypeAllowList ALLOW_LIST = TypeAllowList
		.of(List.of("io.github.tieredcache.serialization.fixtures"));

	private static SessionFactory sessionFactory;

	private final CacheValueSerializer json = CacheValueSerializer.json(ALLOW_LIST);

	private final CacheValueSerializer jdk = CacheValueSerializer.jdk(ALLOW_LIST);

	@BeforeAll
	static void startHibernate() {
		sessionFactory = new HibernatePersistenceConfiguration("tiered-cache-serialization")
			.managedClasses(Author.class, Book.class)
			.jdbcUrl("jdbc:h2:mem:serialization;DB_CLOSE_DELAY=-1")
			.jdbcCredentials("sa", "")
			.property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
			.createEntityManagerFactory();
		sessionFactory.inTransaction((session) -> {
			for (long id = 1; id <= 2; id++) {
				Author author = new Author();
				author.setId(id);
				author.setName("Author " + id);
				author.setAliases(new ArrayList<>(List.of("A" + id, "B" + id)));
				author.setBooks(new LinkedHashSet<>(
						Set.of(new Book(id * 10, "First of " + id), new Book(id * 10 + 1, "Second of " + id))));
				session.persist(author);
			}
		});
	}

	@AfterAll
	static void stopHibernate() {
		sessionFactory.close();
	}

	private static Author fetchWithBooks(long id) {
		return sessionFactory.fromTransaction((session) -> session
			.createSelectionQuery("select a from Author a join fetch a.books where a.id = :id", Author.class)
			.setParameter("id", id)
			.getSingleResult());
	}

	private static Author findWithoutBooks(long id) {
		return sessionFactory.fromTransaction((session) -> session.find(Author.class, id));
	}

	@Test
	void hibernatePersistentSetIsWrittenAsJdkSet() {
		Author author = fetchWithBooks(1);
		assertThat(author.getBooks().getClass().getName()).isEqualTo("org.hibernate.collection.spi.PersistentSet");
		assertThat(author.getAliases().getClass().getName()).isEqualTo("org.hibernate.collection.spi.PersistentBag");
		String stored = new String(this.json.serialize(author), StandardCharsets.UTF_8);
		assertThat(stored).contains("\"books\":[\"java.util.LinkedHashSet\",")
			.contains("\"aliases\":[\"java.util.ArrayList\",")
			.doesNotContain("org.hibernate");
	}

	@Test
	void entityWithFetchedSetRoundTripsOutsideAnySession() {
		Author author = fetchWithBooks(2);
		Author back = (Author) this.json.deserialize(this.json.serialize(author));
		assertThat(back.getId()).isEqualTo(2L);
		assertThat(back.getName()).isEqualTo("Author 2");
		assertThat(back.getBooks()).isInstanceOf(LinkedHashSet.class)
			.containsExactlyInAnyOrder(new Book(20L, "First of 2"), new Book(21L, "Second of 2"));
		assertThat(back.getAliases()).isInstanceOf(ArrayList.class).containsExactly("A2", "B2");
	}

	@Test
	void uninitializedLazyCollectionFailsSerializationWithAdvice() {
		Author author = findWithoutBooks(1);
		assertThat(Hibernate.isInitialized(author.getBooks())).isFalse();
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> this.json.serialize(author))
			.withMessage("Cannot write " + Author.class.getName() + " as JSON at Author.books: the lazy association "
					+ Author.class.getName() + ".books was never loaded; fetch it before caching (JOIN FETCH, an "
					+ "entity graph or Hibernate.initialize) or cache a DTO instead");
	}

	@Test
	void uninitializedLazyCollectionIsNotLoadedBySerializationInsideASession() {
		sessionFactory.inTransaction((session) -> {
			Author author = session.find(Author.class, 2L);
			assertThatExceptionOfType(CacheValueSerializationException.class)
				.isThrownBy(() -> this.json.serialize(author))
				.withMessageContaining("fetch it before caching");
			assertThat(Hibernate.isInitialized(author.getBooks())).isFalse();
		});
	}

	@Test
	void uninitializedProxyFailsSerializationWithAdvice() {
		Author proxy = sessionFactory.fromTransaction((session) -> session.getReference(Author.class, 1L));
		assertThat(Hibernate.isInitialized(proxy)).isFalse();
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> this.json.serialize(proxy))
			.withMessageContaining("the lazy reference to " + Author.class.getName() + " was never loaded")
			.withMessageContaining("or cache a DTO instead");
	}

	@Test
	void initializedProxyIsWrittenAsTheEntity() {
		Author proxy = sessionFactory.fromTransaction((session) -> {
			Author reference = session.getReference(Author.class, 1L);
			Hibernate.initialize(reference);
			Hibernate.initialize(reference.getBooks());
			return reference;
		});
		assertThat(proxy.getClass()).isNotEqualTo(Author.class);
		String stored = new String(this.json.serialize(proxy), StandardCharsets.UTF_8);
		assertThat(stored).startsWith("{\"@class\":\"" + Author.class.getName() + "\"");
		Author back = (Author) this.json.deserialize(stored.getBytes(StandardCharsets.UTF_8));
		assertThat(back.getClass()).isEqualTo(Author.class);
		assertThat(back.getBooks()).hasSize(2);
	}

	@Test
	void pageOfEntitiesRoundTrips() {
		PageImpl<Author> page = new PageImpl<>(List.of(fetchWithBooks(1), fetchWithBooks(2)), PageRequest.of(0, 2), 2);
		PageImpl<?> back = (PageImpl<?>) this.json.deserialize(this.json.serialize(page));
		assertThat(back.getTotalElements()).isEqualTo(2);
		assertThat(back.getContent()).hasSize(2).allSatisfy((author) -> assertThat(author).isInstanceOf(Author.class));
		assertThat(((Author) back.getContent().get(1)).getBooks()).extracting(Book::getTitle)
			.containsExactlyInAnyOrder("First of 2", "Second of 2");
	}

	@Test
	void javaSerializationAlsoWritesPersistentSetAsJdkSet() {
		Author back = (Author) this.jdk.deserialize(this.jdk.serialize(fetchWithBooks(1)));
		assertThat(back.getBooks()).isInstanceOf(LinkedHashSet.class)
			.containsExactlyInAnyOrder(new Book(10L, "First of 1"), new Book(11L, "Second of 1"));
		assertThat(back.getAliases()).isInstanceOf(ArrayList.class).containsExactly("A1", "B1");
	}

	@Test
	void javaSerializationRefusesUninitializedLazyCollection() {
		Author author = findWithoutBooks(2);
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> this.jdk.serialize(author))
			.withMessageContaining(Author.class.getName() + ".books was never loaded; fetch it before caching");
	}

	@Test
	void javaSerializationRefusesUninitializedProxy() {
		Author proxy = sessionFactory.fromTransaction((session) -> session.getReference(Author.class, 2L));
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> this.jdk.serialize(proxy))
			.withMessageContaining("lazy Hibernate proxy cannot be written with Java serialization; fetch the "
					+ "association or cache a DTO instead");
	}

}
