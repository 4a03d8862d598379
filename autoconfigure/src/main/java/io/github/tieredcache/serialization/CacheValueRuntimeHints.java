package io.github.tieredcache.serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.NullValue;

/**
 * What a native image needs for the value format's own types: the JDK collections and
 * maps that stand for the ones an application stores (see {@link PortableTypes}), the
 * Spring types a cached value may carry ({@link NullValue}, {@link SimpleKey},
 * {@code Optional}) and Spring Data's pages, page requests and sorts when Spring Data is
 * present. The application's own cached types are the application's to register, as for
 * any JSON it reads. Registered through {@code META-INF/spring/aot.factories}.
 */
final class CacheValueRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The collections and maps values are read back into.
	 */
	static final List<Class<?>> PORTABLE_TYPES = List.of(ArrayList.class, LinkedList.class, LinkedHashSet.class,
			TreeSet.class, LinkedHashMap.class, TreeMap.class);

	private static final List<String> SPRING_DATA_TYPES = List.of("org.springframework.data.domain.PageImpl",
			"org.springframework.data.domain.PageRequest", "org.springframework.data.domain.Sort",
			"org.springframework.data.domain.Sort$Order", "org.springframework.data.domain.SliceImpl");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : PORTABLE_TYPES) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		hints.reflection().registerType(NullValue.class, MemberCategory.ACCESS_DECLARED_FIELDS);
		hints.reflection()
			.registerType(SimpleKey.class, MemberCategory.ACCESS_DECLARED_FIELDS,
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		hints.reflection().registerType(Optional.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		for (String name : SPRING_DATA_TYPES) {
			hints.reflection()
				.registerTypeIfPresent(classLoader, name, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
