package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SoakOptionsTests {

	@Test
	void defaultsToATenMinuteStandaloneSoakWithEveryFaultOfThatTopology() {
		SoakOptions options = SoakOptions.parse();
		assertThat(options.topology()).isEqualTo(Topology.STANDALONE);
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.instances()).isEqualTo(3);
		assertThat(options.writeRatio()).isEqualTo(0.02);
		assertThat(options.faults()).isEqualTo(Topology.STANDALONE.faults());
		assertThat(options.database()).isEqualTo(SoakOptions.Database.POSTGRES);
		assertThat(options.l1Ttl()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void parsesFaultsGapsAndTopology() {
		SoakOptions options = SoakOptions.parse("--topology=cluster", "--faults=cluster-master-kill,PUBSUB_KILL",
				"--fault-gap=5s..10s", "--seed=42", "--database=h2", "--app-arg=--logging.level.root=warn");
		assertThat(options.topology()).isEqualTo(Topology.CLUSTER);
		assertThat(options.faults()).containsExactly(FaultKind.CLUSTER_MASTER_KILL, FaultKind.PUBSUB_KILL);
		assertThat(options.faultGapMin()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.faultGapMax()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.seed()).isEqualTo(42);
		assertThat(options.database()).isEqualTo(SoakOptions.Database.H2);
		assertThat(options.appArguments()).containsExactly("--logging.level.root=warn");
		assertThat(SoakOptions.parse("--faults=none").faults()).isEmpty();
	}

	@Test
	void refusesAFaultTheTopologyCannotSuffer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SoakOptions.parse("--topology=cluster", "--faults=proxy-cut"))
			.withMessageContaining("proxy_cut cannot be injected in the cluster topology");
	}

	@Test
	void namesTheWrongArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--faults=earthquake"))
			.withMessageContaining("Unknown fault 'earthquake'");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--fault-gap=10s"))
			.withMessageContaining("min..max");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--topology=mesh"))
			.withMessageContaining("standalone, cluster or sentinel");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--colour=red"))
			.withMessageContaining("--colour");
		assertThat(List.of(FaultKind.values())).hasSize(9);
	}

}
