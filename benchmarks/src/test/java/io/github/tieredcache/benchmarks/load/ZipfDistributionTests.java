package io.github.tieredcache.benchmarks.load;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ZipfDistributionTests {

	@Test
	void exponentZeroIsUniform() {
		ZipfDistribution zipf = new ZipfDistribution(20, 0);
		for (int rank = 0; rank < 20; rank++) {
			assertThat(zipf.probability(rank)).isCloseTo(0.05, within(1e-12));
		}
	}

	@Test
	void probabilityFallsWithThePowerOfTheRank() {
		ZipfDistribution zipf = new ZipfDistribution(20, 1.2);
		assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(Math.pow(2, 1.2), within(1e-9));
		assertThat(zipf.probability(0) / zipf.probability(9)).isCloseTo(Math.pow(10, 1.2), within(1e-9));
		double total = 0;
		for (int rank = 0; rank < 20; rank++) {
			total += zipf.probability(rank);
		}
		assertThat(total).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void samplesFollowTheProbabilities() {
		ZipfDistribution zipf = new ZipfDistribution(20, 1.0);
		SplittableRandom random = new SplittableRandom(42);
		int samples = 200_000;
		int[] counts = new int[20];
		for (int i = 0; i < samples; i++) {
			counts[zipf.sample(random.nextDouble())]++;
		}
		for (int rank = 0; rank < 20; rank++) {
			assertThat((double) counts[rank] / samples).as("rank %d", rank)
				.isCloseTo(zipf.probability(rank), within(0.005));
		}
	}

	@Test
	void extremeUniformValuesMapToTheFirstAndLastRank() {
		ZipfDistribution zipf = new ZipfDistribution(5, 1.0);
		assertThat(zipf.sample(0.0)).isZero();
		assertThat(zipf.sample(Math.nextDown(1.0))).isEqualTo(4);
		assertThat(zipf.sample(zipf.probability(0))).isEqualTo(1);
	}

	@Test
	void rejectsBadArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ZipfDistribution(0, 1.0))
			.withMessageContaining("at least one rank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ZipfDistribution(5, -0.5))
			.withMessageContaining("-0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> new ZipfDistribution(5, Double.NaN));
	}

}
