package io.github.tieredcache.sample.database;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /stats}: how many queries reached the database, so that a client can see
 * what the cache saved.
 */
@RestController
class StatsController {

	private final DatabaseRoundTrips roundTrips;

	StatsController(DatabaseRoundTrips roundTrips) {
		this.roundTrips = roundTrips;
	}

	@GetMapping("/stats")
	Stats stats() {
		return new Stats(this.roundTrips.count());
	}

	/**
	 * The body of {@code GET /stats}.
	 *
	 * @param queries SQL statements sent to the database since start-up
	 */
	record Stats(long queries) {

	}

}
