package io.github.tieredcache.acceptance;

import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A role granted to an account.
 */
@Entity
@Table(name = "authorities")
public class Authority {

	@Id
	private String name;

	protected Authority() {
	}

	public Authority(String name) {
		this.name = name;
	}

	public String getName() {
		return this.name;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof Authority authority && Objects.equals(this.name, authority.name));
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.name);
	}

}
