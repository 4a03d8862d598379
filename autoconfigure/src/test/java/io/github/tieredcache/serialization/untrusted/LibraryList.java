package io.github.tieredcache.serialization.untrusted;

import java.util.AbstractList;
import java.util.List;

/**
 * An immutable list of some library, with no public no-argument constructor and a package
 * that is not allow-listed, as Guava's or Kotlin's are.
 */
public final class LibraryList<E> extends AbstractList<E> {

	private final List<E> items;

	private LibraryList(List<E> items) {
		this.items = List.copyOf(items);
	}

	@SafeVarargs
	public static <E> LibraryList<E> of(E... items) {
		return new LibraryList<>(List.of(items));
	}

	@Override
	public E get(int index) {
		return this.items.get(index);
	}

	@Override
	public int size() {
		return this.items.size();
	}

}
