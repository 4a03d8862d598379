package io.github.tieredcache.serialization;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.github.tieredcache.serialization.fixtures.Color;
import io.github.tieredcache.serialization.fixtures.Product;
import io.github.tieredcache.serialization.fixtures.ProductPage;
import io.github.tieredcache.serialization.fixtures.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON shape of Spring Data's page types, which have no default constructor.
 */
class SpringDataJsonTests {

	private final CacheValueSerializer serializer = CacheValueSerializer
		.json(TypeAllowList.of(List.of("io.github.tieredcache.serialization.fixtures")));

	private static Product product(String sku) {
		return new Product(sku, "Product " + sku, new BigDecimal("9.50"), 3, Color.RED, List.of(new Tag("new")),
				Instant.parse("2025-01-01T00:00:00Z"));
	}

	private String json(Object value) {
		return new String(this.serializer.serialize(value), StandardCharsets.UTF_8);
	}

	private Object roundTrip(Object value) {
		return this.serializer.deserialize(this.serializer.serialize(value));
	}

	@Test
	void pageIsStoredInACompactStableShape() {
		PageImpl<Long> page = new PageImpl<>(List.of(1L, 2L), PageRequest.of(1, 2, Sort.by("name").descending()), 9);
		assertThat(json(page)).isEqualTo("{\"@class\":\"org.springframework.data.domain.PageImpl\","
				+ "\"content\":[[\"java.lang.Long\",1],[\"java.lang.Long\",2]],\"page\":1,\"size\":2,"
				+ "\"sort\":[{\"property\":\"name\",\"direction\":\"DESC\"}],\"total\":9}");
	}

	@Test
	void unpagedPageLeavesOutPageAndSize() {
		PageImpl<String> page = new PageImpl<>(List.of("a"));
		assertThat(json(page))
			.isEqualTo("{\"@class\":\"org.springframework.data.domain.PageImpl\",\"content\":[\"a\"],\"total\":1}");
	}

	@Test
	void pageOfRecordsRoundTripsWithSortAndTotal() {
		PageImpl<Product> page = new PageImpl<>(List.of(product("A"), product("B")),
				PageRequest.of(0, 2, Sort.by(Sort.Order.asc("price"), Sort.Order.desc("name").ignoreCase())), 40);
		PageImpl<?> back = (PageImpl<?>) roundTrip(page);
		assertThat(back).isEqualTo(page);
		assertThat(back.getTotalElements()).isEqualTo(40);
		assertThat(back.getTotalPages()).isEqualTo(20);
		assertThat(back.getSort()).isEqualTo(page.getSort());
		assertThat(back.hasNext()).isTrue();
	}

	@Test
	void emptyPageRoundTrips() {
		PageImpl<Product> page = new PageImpl<>(List.of(), PageRequest.of(5, 10), 0);
		assertThat(roundTrip(page)).isEqualTo(page);
	}

	@Test
	void pageBuiltWithUnpagedSortRoundTrips() {
		PageImpl<Product> page = new PageImpl<>(List.of(product("A")), Pageable.unpaged(Sort.by("sku")), 1);
		PageImpl<?> back = (PageImpl<?>) roundTrip(page);
		assertThat(back).isEqualTo(page);
		assertThat(back.getSort()).isEqualTo(Sort.by("sku"));
	}

	@Test
	void sliceRoundTripsWithHasNext() {
		SliceImpl<Product> slice = new SliceImpl<>(List.of(product("A")), PageRequest.of(2, 1), true);
		assertThat(json(slice)).contains("\"hasNext\":true").doesNotContain("total");
		SliceImpl<?> back = (SliceImpl<?>) roundTrip(slice);
		assertThat(back).isEqualTo(slice);
		assertThat(back.hasNext()).isTrue();
	}

	@Test
	void sortWithIgnoreCaseAndNullHandlingRoundTrips() {
		Sort sort = Sort.by(Sort.Order.asc("name").ignoreCase().nullsLast(), Sort.Order.desc("id"));
		assertThat(json(sort)).isEqualTo("{\"@class\":\"org.springframework.data.domain.Sort\",\"orders\":["
				+ "{\"property\":\"name\",\"direction\":\"ASC\",\"ignoreCase\":true,\"nullHandling\":\"NULLS_LAST\"},"
				+ "{\"property\":\"id\",\"direction\":\"DESC\"}]}");
		assertThat(roundTrip(sort)).isEqualTo(sort);
		assertThat(roundTrip(Sort.unsorted())).isEqualTo(Sort.unsorted());
	}

	@Test
	void pageRequestAndUnpagedPageableRoundTrip() {
		PageRequest request = PageRequest.of(3, 25, Sort.by("sku"));
		assertThat(roundTrip(request)).isEqualTo(request);
		assertThat(json(Pageable.unpaged())).isEqualTo("{\"@class\":\"org.springframework.data.domain.Pageable\"}");
		assertThat(roundTrip(Pageable.unpaged())).isEqualTo(Pageable.unpaged());
	}

	@Test
	void pageInARecordFieldRoundTrips() {
		ProductPage result = new ProductPage("red",
				new PageImpl<>(List.of(product("A")), PageRequest.of(0, 1, Sort.by("sku")), 3), PageRequest.of(1, 1));
		assertThat(roundTrip(result)).isEqualTo(result);
	}

}
