package io.github.tieredcache.serialization;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.aot.AotServices;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the value format's own types are registered for a native image, through
 * {@code META-INF/spring/aot.factories} as Spring's AOT processing finds them.
 */
class CacheValueRuntimeHintsTests {

	@Test
	void theRegistrarIsFoundAsSpringsAotProcessingLooksForIt() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(CacheValueRuntimeHints.class::isInstance);
	}

	@Test
	void collectionsValuesAreReadIntoCanBeCreatedReflectively() {
		RuntimeHints hints = hints();
		for (Class<?> type : CacheValueRuntimeHints.PORTABLE_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).as(type.getName()).accepts(hints);
		}
	}

	@Test
	void springTypesInValuesAndKeysAreRegistered() {
		RuntimeHints hints = hints();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(SimpleKey.class)
			.withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(PageImpl.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(PageRequest.class)).accepts(hints);
	}

	private static RuntimeHints hints() {
		RuntimeHints hints = new RuntimeHints();
		new CacheValueRuntimeHints().registerHints(hints, CacheValueRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
