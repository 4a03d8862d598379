#!/usr/bin/env bash
# Load-tests the sample application's public exploits read with wrk, in one run:
#   1. GET /public/exploits/uncached?chain=eth   the same handler without @CachedResponse (its service
#                                               method is still @Cached, so this is a cache hit too)
#   2. GET /public/exploits?chain=eth            @CachedResponse hits: 200 with the stored bytes
#   3. the same with If-None-Match: <ETag>       @CachedResponse 304 Not Modified
# Start the sample first (it needs Redis, e.g. on 127.0.0.1:6379):
#   java -jar sample-app/target/tiered-cache-sample-app-*.jar
# Usage: benchmarks/http-wrk.sh [base-url]   (DURATION, THREADS, CONNECTIONS override the defaults)
set -euo pipefail

URL="${1:-http://localhost:8080}"
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
CACHED="$URL/public/exploits?chain=eth"
UNCACHED="$URL/public/exploits/uncached?chain=eth"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

# Fill the caches and take the entry's ETag
curl -fsS -o /dev/null "$UNCACHED"
curl -fsS -o /dev/null "$CACHED"
ETAG=$(curl -fsS -D - -o /dev/null "$CACHED" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
[ -n "$ETAG" ] || { echo "No ETag from $CACHED" >&2; exit 1; }
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$CACHED")
[ "$STATUS" = 304 ] || { echo "Expected 304 for If-None-Match, got $STATUS" >&2; exit 1; }

run() {
	local name="$1"
	shift
	echo "== $name"
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" \
		| grep -E 'Requests/sec|Transfer/sec|^ +(50|99)%|Non-2xx|Socket errors'
}

# Short warm-up of each, so the JIT has compiled all three paths before measuring
for target in "$UNCACHED" "$CACHED"; do wrk -t1 -c4 -d5s "$target" >/dev/null; done
wrk -t1 -c4 -d5s -H "If-None-Match: $ETAG" "$CACHED" >/dev/null

run "uncached handler (200)" "$UNCACHED"
run "@CachedResponse hit (200)" "$CACHED"
run "@CachedResponse 304 (If-None-Match)" -H "If-None-Match: $ETAG" "$CACHED"
