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
#   BASELINE_JAR=/tmp/sample-before.jar benchmarks/run-startup.sh
#
# With BASELINE_JAR (the sample built from another commit), every round also starts that jar with
# the starter on, in the same rotation, and the cost added by both versions is printed: a
# comparison made in one run, on one machine's noise.
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
baseline_jar=${BASELINE_JAR:-}
if [[ -n "$baseline_jar" && ! -f "$baseline_jar" ]]; then
	echo "BASELINE_JAR=$baseline_jar is not a file" >&2
	exit 2
fi

# shellcheck source=benchmarks/ports.sh
source benchmarks/ports.sh

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 50); do
	redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
	sleep 0.1
done

# Starts a jar of the sample once and prints the JVM uptime in ms at "Started"; extra arguments
# go to the app
start_jar() {
	local jar=$1 log=$2
	shift 2
	# shellcheck disable=SC2086
	java ${JAVA_OPTS:-} -jar "$jar" --server.port=0 --spring.data.redis.host=127.0.0.1 \
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

start_once() {
	start_jar "$app_jar" "$@"
}

# One start of a leg: "with" (this jar, starter on), "without" (starter off), "baseline"
start_leg() {
	local leg=$1 round=$2
	case "$leg" in
	with) start_jar "$app_jar" "$out/with-$round.log" ;;
	without) start_jar "$app_jar" "$out/without-$round.log" --tiered-cache.enabled=false ;;
	baseline) start_jar "$baseline_jar" "$out/baseline-$round.log" ;;
	esac
}

legs=(with without)
if [[ -n "$baseline_jar" ]]; then
	legs+=(baseline)
fi
with=()
without=()
baseline=()
for round in $(seq 1 "$rounds"); do
	redis-cli -p "$redis_port" flushall >/dev/null
	# Rotates which leg goes first, so that none always starts on a machine the others warmed
	declare -A took=()
	for i in "${!legs[@]}"; do
		leg=${legs[$(((i + round) % ${#legs[@]}))]}
		took[$leg]=$(start_leg "$leg" "$round")
	done
	with+=("${took[with]}")
	without+=("${took[without]}")
	line="round $round: with the starter ${took[with]} ms, without ${took[without]} ms, added $((took[with] - took[without])) ms"
	if [[ -n "$baseline_jar" ]]; then
		baseline+=("${took[baseline]}")
		line+="; baseline jar ${took[baseline]} ms, added $((took[baseline] - took[without])) ms"
	fi
	echo "$line"
	unset took
done

median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
diffs=()
baseline_diffs=()
for i in "${!with[@]}"; do
	diffs+=($((with[i] - without[i])))
	if [[ -n "$baseline_jar" ]]; then
		baseline_diffs+=($((baseline[i] - without[i])))
	fi
done
echo
echo "JVM uptime at 'Started', median of $rounds: with the starter $(median "${with[@]}") ms," \
	"without $(median "${without[@]}") ms; added (median of per-round differences): $(median "${diffs[@]}") ms"
if [[ -n "$baseline_jar" ]]; then
	echo "Baseline jar: $(median "${baseline[@]}") ms; added (median of per-round differences):" \
		"$(median "${baseline_diffs[@]}") ms"
fi
