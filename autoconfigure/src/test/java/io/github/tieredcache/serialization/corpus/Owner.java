package io.github.tieredcache.serialization.corpus;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonManagedReference;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * One side of a bidirectional association: {@link Pet#getOwner()} points back here.
 */
@Entity
@Table(name = "owners")
public class Owner extends Person {

	private String city;

	@JsonManagedReference
	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	private List<Pet> pets = new ArrayList<>();

	public String getCity() {
		return this.city;
	}

	public void setCity(String city) {
		this.city = city;
	}

	public List<Pet> getPets() {
		return this.pets;
	}

	public void addPet(Pet pet) {
		pet.setOwner(this);
		this.pets.add(pet);
	}

}
