package io.github.tieredcache.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.TypeAllowList;

/**
 * A typical cached value: a product with a few fields and a list of small variants, about
 * 1 KB once serialized. {@code Serializable} so that every value codec of the library can
 * write it; the lists are {@link ArrayList}s, the collection type every codec reads back.
 *
 * @param id the product id
 * @param sku the stock-keeping unit
 * @param name the display name
 * @param description a paragraph of text
 * @param category the category path
 * @param priceCents the base price in cents
 * @param currency the ISO currency code
 * @param tags search tags
 * @param variants the sellable variants
 */
public record Product(long id, String sku, String name, String description, String category, long priceCents,
		String currency, List<String> tags, List<ProductVariant> variants) implements Serializable {

	private static final String[] COLOURS = { "black", "white", "navy", "olive", "sand", "red" };

	private static final String[] SIZES = { "XS", "S", "M", "L", "XL", "XXL" };

	/**
	 * Returns the value codec under test: the library's JSON codec, allowed to read this
	 * package's types.
	 * @return the codec
	 */
	public static CacheValueSerializer codec() {
		return CacheValueSerializer.json(TypeAllowList.of(List.of("io.github.tieredcache.benchmarks")));
	}

	/**
	 * Returns a product whose fields all depend on its id.
	 * @param id the product id
	 * @return the product
	 */
	public static Product sample(long id) {
		List<String> tags = new ArrayList<>(List.of("outdoor", "cotton", "summer-" + id % 7, "bestseller"));
		List<ProductVariant> variants = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			variants.add(new ProductVariant("SKU-" + id + "-" + i, COLOURS[i], SIZES[i], (int) (id * 7 + i) % 500,
					1999 + i * 100L));
		}
		return new Product(id, "SKU-" + id, "Organic cotton shirt no. " + id,
				"A relaxed, breathable shirt in organic cotton with a classic collar and mother-of-pearl buttons. "
						+ "Pre-washed so it keeps its shape; machine washable at 30 degrees. Item " + id + ".",
				"clothing/men/shirts", 1999 + id % 1000, "EUR", tags, variants);
	}

}
