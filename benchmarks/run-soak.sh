#!/usr/bin/env bash
# Runs a chaos soak of the sample application: a Redis of its own (--topology=standalone, cluster
# or sentinel), three instances of the sample on free ports sharing one fresh database (PostgreSQL
# on 127.0.0.1:5432 by default, --database=h2 for an H2 server in the soak's JVM), load with a
# stale-read oracle, and seeded faults (kill -9, SIGSTOP, CLIENT KILL TYPE pubsub, maxmemory,
# latency and dropped connections through a TCP proxy, restarts of an instance, cluster failovers).
# Arguments go to io.github.tieredcache.benchmarks.soak.SoakRunner, for example:
#
#   benchmarks/run-soak.sh                                   # 10 minutes, standalone, PostgreSQL
#   benchmarks/run-soak.sh --topology=cluster --duration=5m
#   benchmarks/run-soak.sh --seed=42 --duration=60s --faults=redis-kill,proxy-cut
#
# The report (report.md, hit-ratio.png, summary.json, stale-reads.csv and each instance's log) goes
# to benchmarks/target/soak (--out). Exit status: 0 if every fault recovered, no read was stale
# beyond the documented bounds and no write-behind write was lost; 1 if not; 2 for bad arguments.
# Environment: SKIP_BUILD=1 to use the jars as built; PGPASSWORD for PostgreSQL.
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z "${SKIP_BUILD:-}" ]]; then
	./mvnw -B -q -pl sample-app,benchmarks -am package -DskipTests
fi

exec java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar \
	io.github.tieredcache.benchmarks.soak.SoakRunner "$@"
