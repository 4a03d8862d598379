#!/usr/bin/env bash
# Kills instances of the sample application with SIGKILL while they queue @WriteBehind writes,
# and counts the writes lost (aim: 0). Three instances share a redis-server started for the run
# and a fresh PostgreSQL database (created with CREATE DATABASE, dropped at the end); a driver
# counts views through POST /exploits/{id}/views and records each key's last acknowledged count;
# one instance is killed at even intervals and started again; then the queue is waited for until
# empty and every key's row is compared with its last acknowledged count. Arguments go to
# io.github.tieredcache.benchmarks.writes.WriteBehindSoak, for example:
#
#   benchmarks/run-write-behind-soak.sh --duration=120s --kills=3 --instances=3 --claim-after=5s
#
# Needs PostgreSQL on 127.0.0.1:5432 that lets the user postgres create databases (override with
# --postgres=jdbc:postgresql://host:port/ --postgres-user=...) and redis-server on the PATH.
# Environment: SKIP_BUILD=1 to use the jars as built.
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
	./mvnw -B -q -pl sample-app,benchmarks -am package -DskipTests
fi
app_jar=$(ls sample-app/target/*.jar | grep -v '\.original$' | head -1)
exec java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.writes.WriteBehindSoak \
	--app-jar="$app_jar" "$@"
