package io.github.tieredcache.compatibility.virtualthreads;

/**
 * A price of the price book.
 *
 * @param sku the article
 * @param cents the price
 */
record Price(String sku, long cents) {

}
