#!/usr/bin/env bash
# Measures what the starter adds to the sample application's start-up: the sample is started
# ROUNDS times with the starter on and ROUNDS times with it off (tiered-cache.enabled=false, so
# every tiered-cache auto-configuration backs off and Spring Boot's own RedisCacheManager serves
# @Cacheable), alternating which goes first in each round, same jar, same JVM flags, one Redis.
# Each start is read from Spring Boot's "Started ... (process running for N)" line: the JVM's
# uptime when the context is ready. Prints the medians and the median of the per-round
# differences.
#
#   benchmarks/run-startup.sh            # ROUNDS=10
#   ROUNDS=20 JAVA_OPTS='-XX:TieredStopAtLevel=1' benchmarks/run-startup.sh
#
# Environment: STARTUP_OUT (default benchmarks/target/startup), SKIP_BUILD=1 to use the jar as built.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${STARTUP_OUT:-benchmarks/target/startup}
rounds=${ROUNDS:-10}
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
	echo "ROUNDS must be a whole number of at least 1, but was '$rounds'" >&2
	exit 2
fi
mkdir -p "$out"
redis_pid=
cleanup() {
	if [[ -n "$redis_pid" ]]; then
		kill "$redis_pid" 2>/dev/null || true
		wait "$redis_pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT

if [[ -z "${SKIP_BUILD:-}" ]]; then
	./mvnw -B -q -pl sample-app -am package -DskipTests
fi
app_jar=$(ls sample-app/target/*.jar | grep -v '\.original$' | head -1)

# shellcheck source=benchmarks/ports.sh
source benchmarks/ports.sh

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 50); do
	redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
	sleep 0.1
done

# Starts the sample once and prints the JVM uptime in ms at "Started"; extra arguments go to the app
start_once() {
	local log=$1
	shift
	# shellcheck disable=SC2086
	java ${JAVA_OPTS:-} -jar "$app_jar" --server.port=0 --spring.data.redis.host=127.0.0.1 \
		--spring.data.redis.port="$redis_port" "$@" >"$log" 2>&1 &
	local pid=$! uptime=
	for _ in $(seq 1 1200); do
		uptime=$(sed -n 's/.*Started [A-Za-z]* in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$log")
		if [[ -n "$uptime" ]] || ! kill -0 "$pid" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if [[ -z "$uptime" ]]; then
		echo "The sample did not start; last lines of $log:" >&2
		tail -40 "$log" >&2
		exit 1
	fi
	awk -v s="$uptime" 'BEGIN { printf "%d\n", s * 1000 }'
}

with=()
without=()
for round in $(seq 1 "$rounds"); do
	redis-cli -p "$redis_port" flushall >/dev/null
	if ((round % 2)); then
		w=$(start_once "$out/with-$round.log")
		wo=$(start_once "$out/without-$round.log" --tiered-cache.enabled=false)
	else
		wo=$(start_once "$out/without-$round.log" --tiered-cache.enabled=false)
		w=$(start_once "$out/with-$round.log")
	fi
	with+=("$w")
	without+=("$wo")
	echo "round $round: with the starter ${w} ms, without ${wo} ms, added $((w - wo)) ms"
done

median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
diffs=()
for i in "${!with[@]}"; do
	diffs+=($((with[i] - without[i])))
done
echo
echo "JVM uptime at 'Started', median of $rounds: with the starter $(median "${with[@]}") ms," \
	"without $(median "${without[@]}") ms; added (median of per-round differences): $(median "${diffs[@]}") ms"
