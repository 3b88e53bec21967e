#!/usr/bin/env bash
# The secure stack side by side with Spring Security alone: GET of the caller's own profile with an HS256 bearer
# JWT on
#   bare             Spring Boot MVC, no security, fixed answer (the ceiling)
#   resource-server  Spring Security 7 OAuth2 resource server, HS256, typ at+jwt (the baseline)
#   starter          a plain Boot app + secure-api-starter only, ECS JSON logs
#   example          the example app: ECS JSON logs, access log, actuator + Prometheus, local rate limit, user check
#   example-warn     the example app with the access log at WARN (the access log's cost is the difference)
#   example-noact    the example app without actuator's metrics and observations (management.observations/metrics off)
#   example-notrace  the example app with tracing off (management.tracing.enabled=false; metrics stay)
#   example-threads  the example app with at most EXAMPLE_THREADS (default 4) Tomcat request threads instead of 200
#   starter-nocache, example-nocache
#                    the same with the verified-token cache off (every request's token parsed and verified again;
#                    all connections send one token, so with the cache on every request after the first is a hit)
#
# Every app runs in its own JVM pinned to one core (APP_CPU), wrk runs on the other (LOAD_CPU). Each app is
# pre-warmed (PREWARM of load), then the apps are measured in interleaved rounds (ROUNDS x DURATION each, so
# background load hits all apps alike) and the table gives the median round per app: requests/s, the ratio to
# the resource server and to bare Boot, the CPU the whole JVM used per request (user + system from /proc: request
# threads, JIT, GC, the access log's writer), p99 latency, and errors (non-2xx answers + socket errors).
#
# Usage: benchmarks/run.sh [--no-build] [--apps "bare resource-server starter example"] [--jfr APP]
#                          [--login-isolation] [--warmup APP]
#   --jfr APP           after the pre-warm, records JFR (settings=profile) on APP under load for JFR_DURATION and
#                       prints where its request threads' CPU goes, by component
#   --login-isolation   example app only: GET /users/me requests/s and p99 idle, then while LOGIN_CLIENTS clients
#                       POST /token as fast as they can (password hashing, Argon2id); ROUNDS pairs, medians
#   --warmup APP        starts APP cold under load and prints requests/s per WARMUP_STEP until WARMUP_TOTAL, and
#                       the time from start to 90% of the steady state (the median of the last three steps);
#                       JAVA_OPTS is passed to the JVM (e.g. -XX:SharedArchiveFile=app.jsa)
#   JAVA=path           the java launcher (default: java on the PATH), e.g. a JDK 25 for its AOT cache
#   APP_JAR=file        runs this jar instead of the app's own (e.g. an extracted app.jar for class data sharing)
#   START_TIMEOUT=s     how long to wait for an app to answer (default 300; start-up on a busy core is slow)
#   BEFORE_DIR=dir      also measures "starter@before" and "example@before" from the jars in dir (copies of an
#                       earlier build: benchmark-starter-only-*.jar and example-app-*.jar)
#
# Needs: taskset, curl, a JDK (jcmd, jfr) and wrk (installed with apt-get when missing). Traffic goes to
# 127.0.0.1 only and every load run is bounded by its duration.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PREWARM=${PREWARM:-90s}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
APP_CPU=${APP_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
JFR_DURATION=${JFR_DURATION:-30s}
LOGIN_CLIENTS=${LOGIN_CLIENTS:-4}
WARMUP_STEP=${WARMUP_STEP:-5}
WARMUP_TOTAL=${WARMUP_TOTAL:-300}
JAVA_OPTS=${JAVA_OPTS:-}
JAVA=${JAVA:-java}
BEFORE_DIR=${BEFORE_DIR:-}
BASE_PORT=${BASE_PORT:-18180}
START_TIMEOUT=${START_TIMEOUT:-300}
OUT=${OUT:-$ROOT/benchmarks/target}
APPS="bare resource-server starter example"
BUILD=true
MODE=table
MODE_APP=

while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=false ;;
    --apps) APPS=$2; shift ;;
    --jfr) MODE=jfr; MODE_APP=$2; shift ;;
    --login-isolation) MODE=login ;;
    --warmup) MODE=warmup; MODE_APP=$2; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk > /dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk > /dev/null
fi
if $BUILD; then
  ./mvnw -q -B -Pbenchmarks -pl benchmarks/bare-mvc,benchmarks/resource-server,benchmarks/starter-only,example-app \
    -am clean package -DskipTests -Dspotbugs.skip=true
fi
# after the build: its clean removes the benchmarks module's target directory
mkdir -p "$OUT"

jar_of() {
  ls "$1"/*.jar | grep -v -- '-plain' | grep -v -- '-tests' | head -1
}

# name -> "jar|profile path|extra arguments"
app_spec() {
  local example_args="--secure-api.rate-limit.policies[0].name=api --secure-api.rate-limit.policies[0].paths=/api/**"
  example_args+=" --secure-api.rate-limit.policies[0].key=ip --secure-api.rate-limit.policies[0].limits[0].period=1m"
  example_args+=" --secure-api.rate-limit.policies[0].limits[0].capacity=1000000000"
  example_args+=" --secure-api.jwt.access-token-ttl=12h --logging.structured.format.console=ecs"
  case $1 in
    bare) echo "$(jar_of benchmarks/bare-mvc/target)|/users/me|" ;;
    resource-server) echo "$(jar_of benchmarks/resource-server/target)|/users/me|" ;;
    starter) echo "$(jar_of benchmarks/starter-only/target)|/users/me|" ;;
    starter@before) echo "$(ls "$BEFORE_DIR"/benchmark-starter-only-*.jar)|/users/me|" ;;
    starter-nocache) echo "$(jar_of benchmarks/starter-only/target)|/users/me|--secure-api.jwt.verified-token-cache-size=0" ;;
    example) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args" ;;
    example@before) echo "$(ls "$BEFORE_DIR"/example-app-*.jar)|/api/v1/users/me|$example_args" ;;
    example-warn) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args --logging.level.secure-api.access=WARN" ;;
    example-threads) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args --server.tomcat.threads.max=${EXAMPLE_THREADS:-4}" ;;
    example-nocache) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args --secure-api.jwt.verified-token-cache-size=0" ;;
    example-notrace) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args --management.tracing.enabled=false" ;;
    example-noact) echo "$(jar_of example-app/target)|/api/v1/users/me|$example_args --management.observations.enable.all=false --management.defaults.metrics.export.enabled=false" ;;
    *) echo "unknown app $1" >&2; exit 2 ;;
  esac
}

declare -A PID PORT URL AUTH

start() {
  local name=$1 port=$2 jar path args
  IFS='|' read -r jar path args <<< "$(app_spec "$name")"
  jar=${APP_JAR:-$jar}
  # taskset execs java, so $! is the JVM's pid
  # shellcheck disable=SC2086
  taskset -c "$APP_CPU" "$JAVA" $JAVA_OPTS -jar "$jar" --server.port="$port" $args > "$OUT/$name.log" 2>&1 &
  PID[$name]=$!
  PORT[$name]=$port
  URL[$name]="http://127.0.0.1:$port$path"
}

stop_all() {
  for name in "${!PID[@]}"; do
    kill "${PID[$name]}" 2> /dev/null || true
  done
  wait 2> /dev/null || true
}
trap stop_all EXIT

await() {
  local name=$1
  for _ in $(seq 1 "$START_TIMEOUT"); do
    # any HTTP answer (401 included) means the server is up
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "${URL[$name]}")" != 000 ]; then return 0; fi
    sleep 1
  done
  echo "$name did not start: see $OUT/$name.log" >&2
  exit 1
}

# a bearer token the app accepts: the example app issues its own; the others share the starter app's key
token_for() {
  local name=$1 port=${PORT[$1]}
  case $name in
    example*)
      curl -s -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/users" -H 'Content-Type: application/json' \
        -d '{"username":"bench","email":"bench@example.com","password":"correct horse battery"}'
      curl -fsS -X POST "http://127.0.0.1:$port/api/v1/token" -d grant_type=password -d username=bench \
        -d 'password=correct horse battery' | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
      ;;
    *) echo "$SHARED_TOKEN" ;;
  esac
}

shared_token() {
  # the starter app (or, when it is not among the apps, a short-lived one) issues the shared token
  local port=${PORT[starter]:-${PORT[starter@before]:-}}
  local temporary=false
  if [ -z "$port" ]; then
    start starter $((BASE_PORT + 99))
    await starter
    port=${PORT[starter]}
    temporary=true
  fi
  curl -fsS -X POST "http://127.0.0.1:$port/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
  if $temporary; then
    kill "${PID[starter]}"
    wait "${PID[starter]}" 2> /dev/null || true
    unset 'PID[starter]' 'PORT[starter]'
  fi
}

cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# one load run on an app: prints "requests/s p99 errors cpu-µs-per-request"
measure_once() {
  local name=$1 duration=$2 out before after requests rps p99 non2xx socket tick
  before=$(cpu_ticks "${PID[$name]}")
  out=$(taskset -c "$LOAD_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency \
    -H "Authorization: Bearer ${AUTH[$name]}" "${URL[$name]}")
  after=$(cpu_ticks "${PID[$name]}")
  echo "$out" > "$OUT/$name.last-wrk.txt"
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<< "$out")
  socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<< "$out")
  tick=$((1000000 / $(getconf CLK_TCK)))
  echo "$rps $p99 $(( ${non2xx:-0} + ${socket:-0} )) $(( (after - before) * tick / (requests > 0 ? requests : 1) ))"
}

prewarm() {
  taskset -c "$LOAD_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$PREWARM" -H "Authorization: Bearer ${AUTH[$1]}" \
    "${URL[$1]}" > /dev/null
}

start_apps() {
  local port=$BASE_PORT
  for name in "$@"; do
    start "$name" $port
    port=$((port + 1))
  done
  for name in "$@"; do await "$name"; done
  SHARED_TOKEN=
  if printf '%s\n' "$@" | grep -qv '^example'; then SHARED_TOKEN=$(shared_token); fi
  for name in "$@"; do AUTH[$name]=$(token_for "$name"); done
}

median_of() {
  # the row whose requests/s is the median
  printf '%s\n' "$@" | sort -n -k1,1 | sed -n "$(( ($# + 1) / 2 ))p"
}

table() {
  local names=($APPS) last
  if [ -n "$BEFORE_DIR" ]; then names+=("starter@before" "example@before"); fi
  # each app once, in the order given
  mapfile -t names < <(printf '%s\n' "${names[@]}" | awk '!seen[$0]++')
  start_apps "${names[@]}"
  for name in "${names[@]}"; do
    echo "pre-warming $name for $PREWARM" >&2
    prewarm "$name"
  done
  declare -A runs
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${names[@]}"; do
      echo "round $round: $name" >&2
      runs[$name]+="$(measure_once "$name" "$DURATION");"
      last=${runs[$name]%;}
      echo "  ${last##*;} (req/s p99 errors cpu-µs)" >&2
    done
  done
  declare -A median
  for name in "${names[@]}"; do
    IFS=';' read -r -a list <<< "${runs[$name]%;}"
    median[$name]=$(median_of "${list[@]}")
  done
  local rs=${median[resource-server]:-} bare=${median[bare]:-}
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; app on CPU $APP_CPU, wrk on CPU $LOAD_CPU"
  echo
  echo "| app | req/s (median of $ROUNDS) | × resource server | × bare | CPU per request | p99 | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in "${names[@]}"; do
    read -r rps p99 errors cpu <<< "${median[$name]}"
    echo "| $name | $rps | $(ratio "$rps" "$rs") | $(ratio "$rps" "$bare") | $cpu µs | $p99 | $errors |"
  done
}

ratio() {
  if [ -z "$2" ]; then echo "–"; return; fi
  awk -v a="$1" -v b="${2%% *}" 'BEGIN {printf "%.2f", a / b}'
}

jfr_profile() {
  local name=$MODE_APP file=$OUT/$MODE_APP.jfr
  start_apps "$name"
  echo "pre-warming $name for $PREWARM" >&2
  prewarm "$name"
  jcmd "${PID[$name]}" JFR.start name=bench settings=profile filename="$file" > /dev/null
  measure_once "$name" "$JFR_DURATION" > "$OUT/$name.jfr-run.txt"
  jcmd "${PID[$name]}" JFR.stop name=bench > /dev/null
  echo "JFR recording: $file ($(jfr summary "$file" | awk '$1 == "jdk.ExecutionSample" {print $2}') execution samples)"
  echo "requests/s p99 errors CPU-µs-per-request during the recording: $(cat "$OUT/$name.jfr-run.txt")"
  echo
  local rows
  rows=$(jfr print --events jdk.ExecutionSample --stack-depth 128 "$file" | awk -f benchmarks/jfr-components.awk)
  echo "| component | share of CPU samples |"
  echo "|---|---:|"
  grep -v '^total' <<< "$rows" | sort -t$'\t' -k1,1 -rn | awk -F'\t' '{print "| " $2 " | " $1 " |"}'
  grep '^total' <<< "$rows" | awk -F'\t' '{print "| (all) | " $2 " |"}'
}

login_isolation() {
  local name=example
  if [ -n "$BEFORE_DIR" ]; then name=example@before; fi
  start_apps "$name"
  echo "pre-warming $name for $PREWARM" >&2
  prewarm "$name"
  local login_url="http://127.0.0.1:${PORT[$name]}/api/v1/token" round idles=() busies=() logins=()
  # ROUNDS pairs of an idle and a busy measurement, so drift (the JIT, the machine) hits both alike
  for round in $(seq 1 "$ROUNDS"); do
    idles+=("$(measure_once "$name" "$DURATION")")
    taskset -c "$LOAD_CPU" wrk -t1 -c"$LOGIN_CLIENTS" -d"$DURATION" -s benchmarks/login.lua "$login_url" \
      > "$OUT/$name.login-wrk.$round.txt" &
    local login=$!
    busies+=("$(measure_once "$name" "$DURATION")")
    wait "$login"
    logins+=("$(awk '/Requests\/sec/ {rps=$2} /requests in/ {n=$1} /Non-2xx/ {non2xx=$5} END {print rps, n, non2xx + 0}' \
      "$OUT/$name.login-wrk.$round.txt")")
    echo "round $round: idle ${idles[-1]} | busy ${busies[-1]} | POST /token ${logins[-1]}" >&2
  done
  local idle busy
  idle=$(printf '%s\n' "${idles[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  busy=$(printf '%s\n' "${busies[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  read -r idle_rps idle_p99 idle_errors idle_cpu <<< "$idle"
  read -r busy_rps busy_p99 busy_errors busy_cpu <<< "$busy"
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "median of $ROUNDS rounds by requests/s (each round: $DURATION idle, then $DURATION busy)"
  echo "| $name GET /users/me | req/s | p99 | errors |"
  echo "|---|---:|---:|---:|"
  echo "| idle | $idle_rps | $idle_p99 | $idle_errors |"
  echo "| while $LOGIN_CLIENTS clients POST /token | $busy_rps ($(ratio "$busy_rps" "$idle_rps") of idle) | $busy_p99 | $busy_errors |"
  echo
  echo "POST /token per round (req/s, requests, non-2xx: 503 when the hashing pool is full): ${logins[*]}"
}

warmup() {
  local name=$MODE_APP started ready rates=() t=0
  started=$(date +%s%N)
  start "$name" "$BASE_PORT"
  await "$name"
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  if [[ $name == example* ]]; then AUTH[$name]=$(token_for "$name"); else SHARED_TOKEN=$(shared_token); AUTH[$name]=$SHARED_TOKEN; fi
  echo "$name answered after $ready ms (JAVA_OPTS: ${JAVA_OPTS:-none})"
  while [ "$t" -lt "$WARMUP_TOTAL" ]; do
    rates+=("$(measure_once "$name" "${WARMUP_STEP}s" | cut -d' ' -f1)")
    t=$((t + WARMUP_STEP))
  done
  local steady
  steady=$(printf '%s\n' "${rates[@]: -3}" | sort -n | sed -n 2p)
  local i=0 reached=
  for rate in "${rates[@]}"; do
    i=$((i + 1))
    if [ -z "$reached" ] && awk -v r="$rate" -v s="$steady" 'BEGIN {exit !(r >= 0.9 * s)}'; then
      reached=$((i * WARMUP_STEP))
    fi
  done
  echo "requests/s per ${WARMUP_STEP}s step: ${rates[*]}"
  echo "steady state (median of the last three steps): $steady req/s; 90% reached in the step ending" \
    "${reached:-never} s after the first answer (+ $ready ms start-up)"
}

case $MODE in
  table) table ;;
  jfr) jfr_profile ;;
  login) login_isolation ;;
  warmup) warmup ;;
esac
