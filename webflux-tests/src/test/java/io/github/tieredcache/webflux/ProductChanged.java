package io.github.tieredcache.webflux;

/**
 * Published once a product has been written.
 *
 * @param id the product's id
 */
record ProductChanged(long id) {

}
