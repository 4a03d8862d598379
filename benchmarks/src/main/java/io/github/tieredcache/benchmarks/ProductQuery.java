package io.github.tieredcache.benchmarks;

/**
 * A record used as a cache key, as applications pass query objects to cached methods.
 *
 * @param category the category path
 * @param page the page number
 */
public record ProductQuery(String category, int page) {

}
