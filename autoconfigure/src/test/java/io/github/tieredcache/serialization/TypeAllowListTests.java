package io.github.tieredcache.serialization;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.chrono.HijrahDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.tieredcache.serialization.fixtures.Color;
import io.github.tieredcache.serialization.fixtures.Product;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TypeAllowListTests {

	private final TypeAllowList allowList = TypeAllowList.of(List.of("com.acme", "org.example.Order"));

	@Test
	void packageEntryPermitsItsClassesAndSubPackages() {
		assertThat(this.allowList.permits("com.acme.Order")).isTrue();
		assertThat(this.allowList.permits("com.acme.billing.Invoice")).isTrue();
		assertThat(this.allowList.permits("com.acme.Order$Line")).isTrue();
	}

	@Test
	void packageEntryMatchesOnPackageBoundariesOnly() {
		assertThat(this.allowList.permits("com.acmeevil.Gadget")).isFalse();
		assertThat(this.allowList.permits("com.acme2.Order")).isFalse();
		assertThat(this.allowList.permits("com.Acme")).isFalse();
	}

	@Test
	void classEntryPermitsThatClassAndItsNestedClassesOnly() {
		assertThat(this.allowList.permits("org.example.Order")).isTrue();
		assertThat(this.allowList.permits("org.example.Order$Line")).isTrue();
		assertThat(this.allowList.permits("org.example.OrderEvil")).isFalse();
		assertThat(this.allowList.permits("org.example.Customer")).isFalse();
	}

	@Test
	void arraysArePermittedWhenTheirComponentTypeIs() {
		assertThat(this.allowList.permits("[Lcom.acme.Order;")).isTrue();
		assertThat(this.allowList.permits("[[Lcom.acme.Order;")).isTrue();
		assertThat(this.allowList.permits("com.acme.Order[]")).isTrue();
		assertThat(this.allowList.permits("[Lcom.evil.Gadget;")).isFalse();
		assertThat(this.allowList.permits("[B")).isTrue();
		assertThat(this.allowList.permits("[[I")).isTrue();
		assertThat(this.allowList.permits("[Q")).isFalse();
		assertThat(this.allowList.permits(byte[].class)).isTrue();
		assertThat(this.allowList.permits(String[][].class)).isTrue();
		assertThat(this.allowList.permits(Thread[].class)).isFalse();
	}

	@Test
	void builtInValueTypesArePermittedWithoutEntries() {
		TypeAllowList builtIns = TypeAllowList.builtInOnly();
		assertThat(builtIns.entries()).isEmpty();
		for (Class<?> type : List.of(String.class, Long.class, Integer.class, Double.class, Boolean.class,
				Character.class, Number.class, Enum.class, BigDecimal.class, UUID.class, Instant.class,
				HijrahDate.class, ArrayList.class, HashMap.class, Optional.class, java.net.URI.class,
				java.sql.Timestamp.class, PageImpl.class, Sort.class, Sort.Order.class, int.class)) {
			assertThat(builtIns.permits(type)).as(type.getName()).isTrue();
		}
	}

	@Test
	void dangerousAndInternalJdkClassesAreNotPermitted() {
		TypeAllowList builtIns = TypeAllowList.builtInOnly();
		for (String name : List.of("java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.Thread",
				"java.util.logging.FileHandler", "java.net.URL", "java.util.ImmutableCollections$ListN",
				"java.util.Collections$UnmodifiableList", "javax.naming.InitialContext",
				"org.springframework.data.domain.jaxb.SpringDataJaxb", "com.sun.rowset.JdbcRowSetImpl",
				"org.springframework.beans.factory.config.PropertyPathFactoryBean", "Gadget", "")) {
			assertThat(builtIns.permits(name)).as(name).isFalse();
		}
	}

	@Test
	void classesArePermittedByTheirPackage() {
		TypeAllowList fixtures = TypeAllowList.of(List.of("io.github.tieredcache.serialization.fixtures"));
		assertThat(fixtures.permits(Product.class)).isTrue();
		assertThat(fixtures.permits(Color.class)).isTrue();
		assertThat(fixtures.permits(TypeAllowListTests.class)).isFalse();
	}

	@Test
	void trailingWildcardAndWhitespaceAreIgnored() {
		TypeAllowList wildcard = TypeAllowList.of(List.of(" com.acme.* "));
		assertThat(wildcard.entries()).containsExactly("com.acme");
		assertThat(wildcard.permits("com.acme.Order")).isTrue();
	}

	@Test
	void withReturnsANewAllowListAndLeavesTheOriginalUnchanged() {
		TypeAllowList more = this.allowList.with("net.other");
		assertThat(more.entries()).containsExactly("com.acme", "org.example.Order", "net.other");
		assertThat(more.permits("net.other.Thing")).isTrue();
		assertThat(this.allowList.permits("net.other.Thing")).isFalse();
		assertThat(this.allowList.entries()).containsExactly("com.acme", "org.example.Order");
	}

	@Test
	void entriesCannotBeModified() {
		assertThat(this.allowList.entries()).isUnmodifiable();
	}

	@Test
	void blankEntryIsRejectedWithTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> TypeAllowList.of(List.of("com.acme", "  ")))
			.withMessageContaining("'  ' is blank")
			.withMessageContaining("tiered-cache.serialization.allowed-packages");
	}

	@Test
	void malformedEntryIsRejectedNamingTheEntryAndTheFix() {
		for (String entry : List.of("com..acme", "com.acme.", "1com.acme", "com/acme", "com.acme.**", "com acme")) {
			assertThatIllegalArgumentException().as(entry)
				.isThrownBy(() -> TypeAllowList.of(List.of(entry)))
				.withMessageContaining("'" + entry + "'")
				.withMessageContaining("such as com.example.catalog")
				.withMessageContaining("tiered-cache.serialization.allowed-packages");
		}
	}

	@Test
	void rootThatWouldPermitAlmostEverythingIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TypeAllowList.of(List.of("org")))
			.withMessageContaining("'org' would permit almost every class");
		assertThatIllegalArgumentException().isThrownBy(() -> TypeAllowList.of(List.of("java.*")))
			.withMessageContaining("'java.*'");
	}

	@Test
	void singleSegmentApplicationPackageIsAccepted() {
		assertThat(TypeAllowList.of(List.of("demo")).permits("demo.Order")).isTrue();
	}

	@Test
	void firstRefusedClassOfAGenericTypeIdIsFound() {
		assertThat(this.allowList.firstRefusedIn("java.util.EnumSet<com.acme.Color>")).isNull();
		assertThat(this.allowList.firstRefusedIn("java.util.ArrayList<com.evil.Gadget>")).isEqualTo("com.evil.Gadget");
		assertThat(this.allowList.firstRefusedIn("com.evil.Gadget")).isEqualTo("com.evil.Gadget");
	}

	@Test
	void refusalNamesTheTypeAndTheProperty() {
		assertThat(TypeAllowList.refusal("com.evil.Gadget")).isEqualTo("type com.evil.Gadget is not in the "
				+ "serialization allow-list; add its package to tiered-cache.serialization.allowed-packages");
	}

	@Test
	void allowListsWithTheSameEntriesAreEqual() {
		assertThat(TypeAllowList.of(List.of("com.acme", "org.example.Order"))).isEqualTo(this.allowList)
			.hasSameHashCodeAs(this.allowList);
		assertThat(TypeAllowList.of(List.of("com.acme"))).isNotEqualTo(this.allowList);
	}

	@Test
	void toStringListsTheEntries() {
		assertThat(this.allowList)
			.hasToString("TypeAllowList[com.acme, org.example.Order] plus built-in JDK and Spring Data types");
	}

}
