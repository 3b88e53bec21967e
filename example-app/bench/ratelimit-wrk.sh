#!/usr/bin/env bash
# Throughput of the example app with rate limiting off, on the local backend and on the Redis backend, measured
# with wrk against GET /api/v1/users/me (bearer JWT, cached user). Two traffic shapes: one client (every check
# hits the same bucket, the worst case for Redis compare-and-swap) and 10,000 clients behind a trusted proxy
# (many-clients.lua). Prints a Markdown table for docs/benchmarks/ratelimit.md.
#
# Each configuration is warmed up (both shapes, alternating, WARMUP_ROUNDS times) until the JIT has settled, then
# each shape is measured ROUNDS times, alternating; the table gives the median run and the range of all runs,
# and the CPU time used per request in that run (from /proc, user + system): by the whole application process
# (including the JIT compiler, which on two cores is still compiling minutes into a run, and the collector), and
# by the request threads alone (http-nio-*: the work a request does, filters to response). For the Redis run it
# also gives the rate-limit scripts Redis ran per request in that run (EVAL calls from INFO commandstats): one per
# check is one round trip.
#
# APP_CPUS and LOAD_CPUS (taskset CPU lists, e.g. 0 and 1) pin the application and wrk to separate cores;
# REDIS_URL points the Redis run at another server (one pinned beside wrk, say).
#
# Needs: wrk, redis-cli, Redis on 127.0.0.1:6379 (or REDIS_URL), and the packaged app
# (./mvnw -pl example-app -am clean package -DskipTests; without clean an existing jar may not be repackaged).
# Traffic goes to 127.0.0.1 only; every run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-15s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
APP_CPUS=${APP_CPUS:-}
LOAD_CPUS=${LOAD_CPUS:-}
BASE="http://127.0.0.1:$PORT/api/v1"
JAR=$(ls target/example-app-*.jar | grep -v -- '-plain' | head -1)

# runs a command on the given CPUs, or anywhere when none are given
pinned() {
  local cpus=$1
  shift
  if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

start() {
  local name=$1
  shift
  # the example's policy with a capacity far above what wrk can send: every request is checked, none refused
  # (a list property is replaced whole by the command line, so the whole policy is given)
  local pin=()
  if [ -n "$APP_CPUS" ]; then pin=(taskset -c "$APP_CPUS"); fi
  # taskset execs java, so $! is the application's pid
  "${pin[@]}" java -jar "$JAR" --server.port="$PORT" --spring.data.redis.url="$REDIS_URL" \
    --secure-api.rate-limit.policies[0].name=api --secure-api.rate-limit.policies[0].paths=/api/** \
    --secure-api.rate-limit.policies[0].key=ip --secure-api.rate-limit.policies[0].limits[0].period=1m \
    --secure-api.rate-limit.policies[0].limits[0].capacity=1000000000 \
    --secure-api.proxy.trusted-proxies=127.0.0.1/32 --logging.level.secure-api.access=WARN "$@" > "target/wrk-$name.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the app did not start: see target/wrk-$name.log" >&2
  kill "$APP"
  exit 1
}

token() {
  curl -fsS -X POST "$BASE/users" -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.com","password":"correct horse battery"}' > /dev/null
  curl -fsS -X POST "$BASE/token" -d grant_type=password -d username=bench -d 'password=correct horse battery' |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# CPU time used so far, in clock ticks (user + system): "<whole process> <request threads>"
cpu_ticks() {
  local all requests
  all=$(awk '{print $14 + $15}' "/proc/$APP/stat")
  requests=$(cat /proc/"$APP"/task/*/stat 2> /dev/null | awk '$2 ~ /^\(http-nio/ {t += $14 + $15} END {print t + 0}')
  echo "$all $requests"
}

# EVAL commands Redis has run so far (the rate-limit backend's only command)
evals() {
  redis-cli -u "$REDIS_URL" info commandstats | tr -d '\r' | awk -F'[=,]' '/^cmdstat_eval:/ {print $2} END {print 0}' | head -1
}

# one measured run: prints "requests/s p50 p99 non-2xx app-CPU-µs request-thread-CPU-µs EVAL-per-request"
# (CPU and EVAL per request)
run_wrk() {
  local clients=$1 auth=$2
  local script=()
  if [ "$clients" = "10,000" ]; then script=(-s bench/many-clients.lua); fi
  local out errors before after requests tick evals_before evals_after
  evals_before=$(evals)
  before=($(cpu_ticks))
  out=$(pinned "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${script[@]}" -H "$auth" "$BASE/users/me")
  after=($(cpu_ticks))
  evals_after=$(evals)
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  tick=$(( 1000000 / $(getconf CLK_TCK) ))
  errors=$(awk '/Non-2xx/ {print $5}' <<< "$out")
  echo "$(awk '/Requests\/sec/ {print $2}' <<< "$out") $(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out") ${errors:-0}" \
    "$(( (after[0] - before[0]) * tick / requests )) $(( (after[1] - before[1]) * tick / requests ))" \
    "$(awk -v e=$(( evals_after - evals_before )) -v r="$requests" 'BEGIN {printf "%.2f", e / r}')"
}

# the median of the runs (by requests/s) as a table row, with the range of requests/s
row() {
  local clients=$1
  shift
  local sorted median
  sorted=$(printf '%s\n' "$@" | sort -n -k1,1)
  median=$(sed -n "$(( ($# + 1) / 2 ))p" <<< "$sorted")
  read -r rps p50 p99 errors cpu request_cpu evals <<< "$median"
  if [ "$NAME" != redis ]; then evals=–; fi
  echo "| $NAME | $clients | $rps | $(head -1 <<< "$sorted" | cut -d' ' -f1)–$(tail -1 <<< "$sorted" | cut -d' ' -f1)" \
    "| $cpu µs | $request_cpu µs | $evals | $p50 | $p99 | $errors |"
}

measure() {
  NAME=$1
  shift
  start "$NAME" "$@"
  local auth one=() many=()
  auth="Authorization: Bearer $(token)"
  # warm the JIT on both traffic shapes before measuring either
  for _ in $(seq 1 "$WARMUP_ROUNDS"); do
    pinned "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$auth" "$BASE/users/me" > /dev/null
    pinned "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/many-clients.lua -H "$auth" "$BASE/users/me" > /dev/null
  done
  for _ in $(seq 1 "$ROUNDS"); do
    one+=("$(run_wrk 1 "$auth")")
    many+=("$(run_wrk 10,000 "$auth")")
  done
  row 1 "${one[@]}"
  row 10,000 "${many[@]}"
  kill "$APP"
  wait "$APP" 2> /dev/null || true
}

echo "| rate limiting | clients | requests/s (median) | range | CPU per request: app | request threads | Redis EVAL per request | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|---|---|---|"
measure off --secure-api.rate-limit.enabled=false
measure local --secure-api.rate-limit.backend=local
measure redis --secure-api.rate-limit.backend=redis --spring.autoconfigure.exclude=
