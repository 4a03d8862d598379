package io.github.tieredcache.serialization.corpus;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonBackReference;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "pets")
public class Pet extends BaseEntity {

	private String name;

	@JsonFormat(pattern = "yyyy")
	private LocalDate birthDate;

	@JsonBackReference
	@ManyToOne
	private Owner owner;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public LocalDate getBirthDate() {
		return this.birthDate;
	}

	public void setBirthDate(LocalDate birthDate) {
		this.birthDate = birthDate;
	}

	public Owner getOwner() {
		return this.owner;
	}

	void setOwner(Owner owner) {
		this.owner = owner;
	}

}
