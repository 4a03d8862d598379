package io.github.tieredcache.compatibility.virtualthreads;

/**
 * Published once a price has been written.
 *
 * @param sku the article
 */
record PriceChanged(String sku) {

}
