package io.github.tieredcache.sample;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product in the catalogue.
 *
 * @param id the product id
 * @param name the display name
 * @param price the price
 * @param tags search tags
 */
public record Product(long id, String name, BigDecimal price, List<String> tags) {

}
