package io.github.tieredcache.benchmarks;

import java.io.Serializable;

/**
 * One sellable variant of a {@link Product}.
 *
 * @param sku the stock-keeping unit
 * @param colour the colour name
 * @param size the size label
 * @param stock units in stock
 * @param priceCents the price in cents
 */
public record ProductVariant(String sku, String colour, String size, int stock,
		long priceCents) implements Serializable {

}
