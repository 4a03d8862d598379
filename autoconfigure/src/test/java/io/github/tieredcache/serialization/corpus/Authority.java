package io.github.tieredcache.serialization.corpus;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "authorities")
public class Authority implements Serializable {

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
		return other instanceof Authority that && Objects.equals(this.name, that.name);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.name);
	}

}
