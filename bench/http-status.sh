#!/usr/bin/env bash
# Status-polling benchmark: wrk sends the authenticated GetDeployQingStorStatus a client polls
# with to the real server (qs-server.jar, on a data directory holding a deployed platform) and
# to a bare Undertow server answering the same bytes (io.qingstor.installer.bench.BareHttpServer),
# both started with the same JVM options, on 127.0.0.1.
#
# Usage: bench/http-status.sh [RESULTS_FILE]      (default bench/out/http.jsonl, appended to)
# Tool versions and settings go to META (default: meta.txt beside RESULTS_FILE), as 'key: value'.
# Needs the built jars (mvn -B -q -P bench -pl qs-bench -am package -DskipTests) and wrk, which
# it installs with apt-get when missing and it runs as root; without wrk it says so and records
# the series as skipped.
# Environment knobs (defaults in brackets):
#   RUNS [5]                rounds; each runs every series once, ours and bare back to back
#   CONNECTIONS ["16 64"]   wrk's open connections, one series each
#   DURATION [10]           seconds of each recorded wrk run
#   WARMUP [30]             seconds of the unrecorded warm-up run of each server (JIT)
#   WRK_THREADS [2]         wrk's threads
#   WRONG_CONNECTIONS [16]  connections of the wrong-password series (every request pays a full
#                           PBKDF2 verification); 0 skips it
#   WRONG_DURATION [10]     seconds of each wrong-password run
#   SERVER_JAVA_OPTS [""]   JVM options of both servers
#   HTTP_PORT [18480]       ours listens there, the bare server on the next port
#   PLATFORM_BASE [230]     the sandbox SSH nodes of the deploy use 127.0.0.N onwards
#   QUIET_WAIT [30]         seconds to wait, before each round, for other processes to go quiet
#   KEEP_WORK [0]           1 keeps the temp dir (data directory, server logs, wrk outputs)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/bench/out/http.jsonl}
META=${META:-$(dirname "$OUT")/meta.txt}
JAR=${JAR:-$ROOT/qs-bench/target/benchmarks.jar}
SERVER_JAR=${SERVER_JAR:-$ROOT/qs-server/target/qs-server.jar}
LUA=$ROOT/bench/status-poll.lua
RUNS=${RUNS:-5}
CONNECTIONS=${CONNECTIONS:-"16 64"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
WRK_THREADS=${WRK_THREADS:-2}
WRONG_CONNECTIONS=${WRONG_CONNECTIONS:-16}
WRONG_DURATION=${WRONG_DURATION:-10}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
HTTP_PORT=${HTTP_PORT:-18480}
PLATFORM_BASE=${PLATFORM_BASE:-230}
KEEP_WORK=${KEEP_WORK:-0}
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
WRONG_USER=bench-viewer

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

log() { printf '[http-status] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -f "$JAR" ] || die "$JAR is missing; build it with: mvn -B -q -P bench -pl qs-bench -am package -DskipTests"
[ -f "$SERVER_JAR" ] || die "$SERVER_JAR is missing; build it with: mvn -B -q -P bench -pl qs-bench -am package -DskipTests"
mkdir -p "$(dirname "$OUT")"

WORK=$(mktemp -d /tmp/qsbench-http.XXXXXX)
OURS_PORT=$HTTP_PORT
BARE_PORT=$((HTTP_PORT + 1))
OURS_PID=
BARE_PID=

cleanup() {
  local rc=$?
  local pid
  for pid in $OURS_PID $BARE_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $OURS_PID $BARE_PID; do wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP_WORK" = 1 ] || [ $rc -ne 0 ]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# skip WHY: records every series as not measured, and stops.
skip() {
  local c
  log "$1: skipping the status-polling benchmark"
  for c in $CONNECTIONS; do
    printf '{"name":"ours-status","connections":%d,"run":0,"requestsPerSecond":0,"p50Millis":0,"p99Millis":0,"requests":0,"serverCpuSeconds":0,"ok":false,"note":"%s"}\n' \
      "$c" "$1" >> "$OUT"
  done
  echo "wrk: not available ($1), the status-polling benchmark was skipped" >> "$META"
  exit 0
}

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  [ "$(id -u)" = 0 ] || skip "wrk is not installed and installing it needs root"
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 || true; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1; } \
    || true
  command -v wrk >/dev/null || skip "wrk could not be installed with apt-get"
}

# wait_healthy PORT PID: until GET /healthz answers 200 (30 s at most).
wait_healthy() {
  local deadline=$((SECONDS + 30))
  until curl -sf -o /dev/null "http://127.0.0.1:$1/healthz"; do
    kill -0 "$2" 2>/dev/null || die "the server on port $1 exited; see $WORK"
    [ $SECONDS -lt $deadline ] || die "the server on port $1 is not healthy after 30 s; see $WORK"
    sleep 0.1
  done
}

port_free() { ! timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

post() { # PORT BODY: prints the answer's body
  curl -sS -X POST -H 'Content-Type: application/json' --data-binary "$2" "http://127.0.0.1:$1/"
}

start_servers() {
  port_free "$OURS_PORT" && port_free "$BARE_PORT" || die "port $OURS_PORT or $BARE_PORT is taken; set HTTP_PORT"
  log "preparing a deployed platform (6 sandbox SSH nodes on 127.0.0.$PLATFORM_BASE onwards)"
  java -cp "$JAR" io.qingstor.installer.bench.StatusPlatform --data "$WORK/data" --base "$PLATFORM_BASE" \
    > "$WORK/platform.log" 2>&1 || die "the deploy failed: $(tail -n 3 "$WORK/platform.log")"
  log "$(tail -n 1 "$WORK/platform.log")"
  # shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of options
  # wrk's connections all come from 127.0.0.1: as many as --max-connections may.
  QS_ADMIN_PASSWORD=$ADMIN_PASSWORD java $SERVER_JAVA_OPTS -jar "$SERVER_JAR" --port "$OURS_PORT" \
    --data "$WORK/data" --max-connections-per-address 1000 > "$WORK/ours.log" 2>&1 &
  OURS_PID=$!
  wait_healthy "$OURS_PORT" "$OURS_PID"
  ADMIN_HASH=$(sha256 "$ADMIN_PASSWORD")
  STATUS_BODY="{\"action\":\"GetDeployQingStorStatus\",\"USER_ID\":\"admin\",\"PASSWORD\":\"$ADMIN_HASH\"}"
  post "$OURS_PORT" "$STATUS_BODY" > "$WORK/status.json"
  grep -q '"ret_code":0' "$WORK/status.json" && grep -q '"status":"successful"' "$WORK/status.json" \
    || die "unexpected status answer: $(cat "$WORK/status.json")"
  post "$OURS_PORT" "{\"action\":\"CreateUser\",\"USER_ID\":\"admin\",\"PASSWORD\":\"$ADMIN_HASH\",\"user_id\":\"$WRONG_USER\",\"password\":\"$(sha256 "right-$RANDOM")\",\"role\":\"viewer\"}" \
    | grep -q '"ret_code":0' || die "cannot create the user $WRONG_USER"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -cp "$JAR" io.qingstor.installer.bench.BareHttpServer --port "$BARE_PORT" \
    --response "$WORK/status.json" > "$WORK/bare.log" 2>&1 &
  BARE_PID=$!
  wait_healthy "$BARE_PORT" "$BARE_PID"
  post "$BARE_PORT" "$STATUS_BODY" | cmp -s - "$WORK/status.json" || die "the bare server answers other bytes"
  log "ours (pid $OURS_PID) on port $OURS_PORT, bare (pid $BARE_PID) on $BARE_PORT; the answer is $(wc -c < "$WORK/status.json") bytes"
}

cpu_ticks() { # PID: user + system time in USER_HZ ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# poll NAME PORT PID CONNECTIONS RUN SECONDS USER PASSWORD EXPECT: one wrk run, recorded.
poll() {
  local name=$1 port=$2 pid=$3 connections=$4 run=$5 duration=$6 out before after
  out="$WORK/wrk-$name-$connections-$run.out"
  before=$(cpu_ticks "$pid")
  wrk -t "$WRK_THREADS" -c "$connections" -d "${duration}s" --timeout 10s -s "$LUA" \
    "http://127.0.0.1:$port/" -- "$7" "$8" > "$out" 2>&1 || true
  after=$(cpu_ticks "$pid")
  java -cp "$JAR" io.qingstor.installer.bench.PollRecord --name "$name" --connections "$connections" --run "$run" \
    --wrk-output "$out" --cpu "$(awk "BEGIN { printf \"%.2f\", ($after - $before) / 100 }")" --expect "$9" --out "$OUT"
}

round() {
  local run=$1 c
  log "round $run of $RUNS"
  wait_for_quiet
  for c in $CONNECTIONS; do
    # Alternate which goes first, so that neither always follows the other's load.
    if [ $((run % 2)) = 1 ]; then
      poll ours-status "$OURS_PORT" "$OURS_PID" "$c" "$run" "$DURATION" admin "$ADMIN_HASH" 2xx
      poll bare-undertow "$BARE_PORT" "$BARE_PID" "$c" "$run" "$DURATION" admin "$ADMIN_HASH" 2xx
    else
      poll bare-undertow "$BARE_PORT" "$BARE_PID" "$c" "$run" "$DURATION" admin "$ADMIN_HASH" 2xx
      poll ours-status "$OURS_PORT" "$OURS_PID" "$c" "$run" "$DURATION" admin "$ADMIN_HASH" 2xx
    fi
  done
  if [ "$WRONG_CONNECTIONS" -gt 0 ]; then
    poll ours-status-wrong-password "$OURS_PORT" "$OURS_PID" "$WRONG_CONNECTIONS" "$run" "$WRONG_DURATION" \
      "$WRONG_USER" "$(sha256 "wrong-$run")" 401
  fi
}

write_meta() {
  {
    echo "wrk: $(wrk -v 2>&1 | sed -n 1p | cut -d' ' -f1-2), $WRK_THREADS threads, ${DURATION} s a run after a ${WARMUP} s warm-up"
    echo "HTTP servers: qs-server.jar and BareHttpServer, JVM options '${SERVER_JAVA_OPTS:-none}', 127.0.0.1 ports $OURS_PORT/$BARE_PORT"
    echo "HTTP runs: $RUNS per series, connections $CONNECTIONS (wrong password: $WRONG_CONNECTIONS)"
  } >> "$META"
}

ensure_wrk
start_servers
write_meta
log "warm-up: ${WARMUP} s of each server (not recorded)"
max_c=$(echo "$CONNECTIONS" | tr ' ' '\n' | sort -n | tail -n 1)
wrk -t "$WRK_THREADS" -c "$max_c" -d "${WARMUP}s" -s "$LUA" "http://127.0.0.1:$OURS_PORT/" -- admin "$ADMIN_HASH" > /dev/null
wrk -t "$WRK_THREADS" -c "$max_c" -d "${WARMUP}s" -s "$LUA" "http://127.0.0.1:$BARE_PORT/" -- admin "$ADMIN_HASH" > /dev/null
for ((run = 1; run <= RUNS; run++)); do
  round "$run"
done
log "results appended to $OUT"
