package io.github.tieredcache.warming;

/**
 * A warmer found and checked by {@link WarmerRegistry}, with the state its runs update.
 *
 * @param definition the warmer as the application declared it
 * @param state its status, last run and totals, with configuration applied
 */
record Warmup(WarmerDefinition definition, WarmerState state) {

}
