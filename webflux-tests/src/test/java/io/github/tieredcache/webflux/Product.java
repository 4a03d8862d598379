package io.github.tieredcache.webflux;

/**
 * A product of the catalog.
 *
 * @param id its id
 * @param name its name
 * @param version how often it has been written, starting with 1
 */
record Product(long id, String name, int version) {

}
