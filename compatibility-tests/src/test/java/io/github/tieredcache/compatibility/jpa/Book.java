package io.github.tieredcache.compatibility.jpa;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * An entity in Hibernate's second-level cache.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Book {

	@Id
	@GeneratedValue
	private Long id;

	private String title;

	protected Book() {
	}

	Book(String title) {
		this.title = title;
	}

	Long getId() {
		return this.id;
	}

	String getTitle() {
		return this.title;
	}

}
