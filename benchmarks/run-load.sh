#!/usr/bin/env bash
# Runs the load generator against the sample application twice, caching on and caching off
# (spring.cache.type=none: the tiered cache steps aside and caching becomes a no-op), each
# time on a fresh Redis of its own and a free port, and prints both reports side by side
# with the targets. Arguments go to the load generator, for example:
#
#   benchmarks/run-load.sh --duration=60s --threads=8 --write-ratio=0.02 --zipf=1.0
#
# Environment: LOAD_OUT (default benchmarks/target/load), SKIP_BUILD=1 to use the jars as built.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${LOAD_OUT:-benchmarks/target/load}
mkdir -p "$out"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT

if [[ -z "${SKIP_BUILD:-}" ]]; then
	./mvnw -B -q -pl sample-app,benchmarks -am package -DskipTests
fi
app_jar=$(ls sample-app/target/*.jar | grep -v '\.original$' | head -1)
bench_jar=benchmarks/target/benchmarks.jar

# shellcheck source=benchmarks/ports.sh
source benchmarks/ports.sh

wait_for() {
	local url=$1 log=$2
	for _ in $(seq 1 180); do
		# Any HTTP answer means the server is up; the generator reports a missing API itself
		if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" != "000" ]]; then
			return 0
		fi
		sleep 1
	done
	echo "Not up after 180 s: $url; last lines of $log:" >&2
	tail -40 "$log" >&2
	return 1
}

run() {
	local label=$1
	shift
	local redis_port app_port redis_pid app_pid
	redis_port=$(free_port)
	redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$out/redis-$label.log" 2>&1 &
	redis_pid=$!
	pids+=("$redis_pid")
	app_port=$(free_port)
	REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port java -jar "$app_jar" --server.port="$app_port" \
		--spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$redis_port" \
		--management.endpoints.web.exposure.include=health,prometheus,tieredcache "$@" \
		>"$out/app-$label.log" 2>&1 &
	app_pid=$!
	pids+=("$app_pid")
	wait_for "http://127.0.0.1:$app_port/actuator/health" "$out/app-$label.log"
	echo "== $label: sample app on port $app_port (Redis on $redis_port) $*"
	java -cp "$bench_jar" io.github.tieredcache.benchmarks.load.LoadGenerator \
		--base-url="http://127.0.0.1:$app_port" --label="$label" --report-json="$out/$label.json" "${load_args[@]}"
	kill "$app_pid" "$redis_pid"
	wait "$app_pid" "$redis_pid" 2>/dev/null || true
}

load_args=("$@")
run cached
run uncached --spring.cache.type=none

echo
java -cp "$bench_jar" io.github.tieredcache.benchmarks.load.LoadComparison "$out/cached.json" "$out/uncached.json"
