#!/usr/bin/env bash
# Builds the benchmarks jar, runs the comparison suite with one and two threads, the
# warming benchmark, the Redis comparisons interleaved, and the clear benchmark, and draws
# the ratio charts into docs/images.
#
#   benchmarks/run-suite.sh                 # the whole suite, about 10-15 minutes on 2 cores
#   QUICK=1 benchmarks/run-suite.sh         # one short iteration each, to check that it all runs
#
# Environment: JMH_OPTIONS (default "-f 1 -wi 2 -w 1s -i 3 -r 2s"), CLEAR_KEYS (default
# 1000000), SUITE_OUT (default benchmarks/target/suite), IMAGES (default docs/images),
# BENCH_REDIS_URL (an existing Redis to use instead of starting one per benchmark JVM).
set -euo pipefail

cd "$(dirname "$0")/.."
out=${SUITE_OUT:-benchmarks/target/suite}
images=${IMAGES:-docs/images}
if [[ -n "${QUICK:-}" ]]; then
	jmh_options=${JMH_OPTIONS:-"-f 1 -wi 0 -i 1 -r 1s"}
	clear_keys=${CLEAR_KEYS:-100000}
else
	jmh_options=${JMH_OPTIONS:-"-f 1 -wi 2 -w 1s -i 3 -r 2s"}
	clear_keys=${CLEAR_KEYS:-1000000}
fi
jar=benchmarks/target/benchmarks.jar

./mvnw -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$out"

{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "cpus: $(nproc)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
	echo "java: $(java -version 2>&1 | head -1)"
	echo "redis: $(redis-server --version 2>/dev/null || echo "not installed (BENCH_REDIS_URL or a container)")"
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "jmh options: $jmh_options"
} >"$out/machine.txt"

# Every class measures its own baseline in the same JVM run; ratios are never taken across runs
# shellcheck disable=SC2086
java -jar "$jar" 'ComparisonBenchmark|WarmingBenchmark' -t 1 $jmh_options \
	-rf json -rff "$out/jmh-1-thread.json" | tee "$out/jmh-1-thread.txt"
# shellcheck disable=SC2086
java -jar "$jar" 'ComparisonBenchmark' -t 2 $jmh_options \
	-rf json -rff "$out/jmh-2-threads.json" | tee "$out/jmh-2-threads.txt"

# The Redis comparisons again, interleaved in one JVM so that background load falls on all sides alike
if [[ -n "${QUICK:-}" ]]; then
	interleaved=(-Dinterleaved.blocks=20 -Dinterleaved.operations=20)
else
	interleaved=()
fi
java "${interleaved[@]}" -cp "$jar" io.github.tieredcache.benchmarks.RedisHitComparisonBenchmark \
	| tee "$out/interleaved-redis-hit.txt"
java "${interleaved[@]}" -cp "$jar" io.github.tieredcache.benchmarks.MissAndFillComparisonBenchmark \
	| tee "$out/interleaved-miss-and-fill.txt"

java -Dclear.keys="$clear_keys" -Dclear.rounds=1 -cp "$jar" io.github.tieredcache.benchmarks.ClearBenchmark \
	| tee "$out/clear.txt"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

java -Djava.awt.headless=true -cp "$jar" io.github.tieredcache.benchmarks.report.SuiteReport \
	--images "$images" --markdown "$out/results.md" "$out/jmh-1-thread.json" "$out/jmh-2-threads.json"

echo
cat "$out/machine.txt"
echo "Results: $out/results.md, charts in $images, clear: $out/clear.txt"
