package io.github.tieredcache.acceptance;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A vet's specialty.
 */
@Entity
@Table(name = "specialties")
public class Specialty extends BaseEntity {

	private String name;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

}
