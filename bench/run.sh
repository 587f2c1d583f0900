#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md (about 16 minutes on 2 cores):
#   1. builds qs-server's jar and the qs-bench module (mvn -P bench; the default build never
#      includes qs-bench),
#   2. ssh: the SSH fan-out benchmark against real OpenSSH servers and Ansible (bench/ssh-fanout.sh;
#      needs root, installs OpenSSH and Ansible with apt-get when missing),
#   3. http: status polling with wrk against the real server and a bare Undertow server
#      (bench/http-status.sh; installs wrk with apt-get when missing, as root),
#   4. startup: the server's cold start against the bare JVM (ColdStartBench),
#   5. jmh: the JMH micro-benchmarks (config validation, JSON codec, step log paging, auth cache),
#   6. follow: 1,000 clients following one job's log live (FollowersBench; FOLLOWERS, FOLLOW_RUNS),
#   6b. login-flood: cached status polls alone, then beside 100 clients failing logins
#      (LoginFloodBench, FLOOD_SECONDS; its section is appended to the report),
#   6b'. pre-auth: probes answered during the pre-authentication memory attack (1,200 stalled
#      1 MiB bodies against a 256 MiB heap) against probes alone (PreAuthMemoryBench),
#   6c. swift-deploy: the swift plan's deploy split into control plane and remote work, and the
#      deployed services' memory (SwiftDeployBench, SWIFT_RUNS; needs Swift installed),
#   6d. ansible: the ansible-example deploy through the Ansible executor against native run
#      steps at 12 and 50 OpenSSH nodes, and the per-host line delay (AnsibleDeployBench,
#      ANSIBLE_SIZES, ANSIBLE_DEPLOY_RUNS; needs root, sshd, ansible-playbook, user qs-test),
#   7. the report, bench/RESULTS.md, with each target met or missed.
# Raw results stay in bench/out/ (not committed). Knobs: PARTS (default: every part above; a
# subset re-runs only those parts and keeps the other parts' raw results in bench/out/, so the
# report still covers every part measured), RUNS (rounds of every part, default 5), see
# bench/ssh-fanout.sh (ANSIBLE_RUNS, SIZES, QUIET_WAIT, ...) and bench/http-status.sh (CONNECTIONS,
# DURATION, ...), STARTUP_RUNS (default RUNS) and JMH_ARGS (extra JMH options, e.g. a benchmark
# name regex).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT_DIR=$ROOT/bench/out
JAR=$ROOT/qs-bench/target/benchmarks.jar
PARTS=${PARTS:-"ssh http startup jmh follow login-flood pre-auth swift-deploy ansible"}
cd "$ROOT"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

log() { printf '[run] %s\n' "$*" >&2; }
wants() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

mkdir -p "$OUT_DIR"
started=$SECONDS

log "building qs-server and qs-bench"
mvn -B -q -P bench -pl qs-bench -am package -DskipTests

# Each part owns its raw files (results, meta-PART.txt) and replaces them when it runs.
if wants ssh; then
  rm -f "$OUT_DIR/fanout.jsonl" "$OUT_DIR/meta-ssh.txt"
  if [ "$(id -u)" = 0 ]; then
    log "SSH fan-out benchmark"
    META="$OUT_DIR/meta-ssh.txt" bench/ssh-fanout.sh "$OUT_DIR/fanout.jsonl" \
      || log "the SSH fan-out benchmark failed; the report lists what it measured"
  else
    log "not root: skipping the SSH fan-out benchmark"
    echo "SSH fan-out: skipped, bench/ssh-fanout.sh needs root" >> "$OUT_DIR/meta-ssh.txt"
  fi
fi

if wants http; then
  rm -f "$OUT_DIR/http.jsonl" "$OUT_DIR/meta-http.txt"
  log "status-polling benchmark"
  META="$OUT_DIR/meta-http.txt" bench/http-status.sh "$OUT_DIR/http.jsonl" \
    || log "the status-polling benchmark failed; the report lists what it measured"
fi

if wants startup; then
  rm -f "$OUT_DIR/startup.jsonl" "$OUT_DIR/meta-startup.txt"
  log "cold-start benchmark"
  wait_for_quiet
  java -cp "$JAR" io.qingstor.installer.bench.ColdStartBench --server-jar qs-server/target/qs-server.jar \
    --bench-jar "$JAR" --runs "${STARTUP_RUNS:-${RUNS:-5}}" --java-opts "${SERVER_JAVA_OPTS:-}" \
    --out "$OUT_DIR/startup.jsonl" || log "the cold-start benchmark failed; the report lists what it measured"
  echo "Cold start: ${STARTUP_RUNS:-${RUNS:-5}} rounds, JVM options '${SERVER_JAVA_OPTS:-none}'" > "$OUT_DIR/meta-startup.txt"
fi

if wants jmh; then
  rm -f "$OUT_DIR/jmh.json" "$OUT_DIR/jmh.log"
  log "JMH benchmarks (log: bench/out/jmh.log)"
  wait_for_quiet
  # shellcheck disable=SC2086 # JMH_ARGS is a list of options
  java -jar "$JAR" -rf json -rff "$OUT_DIR/jmh.json" ${JMH_ARGS:-} > "$OUT_DIR/jmh.log" 2>&1 \
    || log "JMH failed (see bench/out/jmh.log); the report lists what ran"
fi

if wants follow; then
  rm -f "$OUT_DIR/follow.md"
  log "live log follow benchmark"
  wait_for_quiet
  java -cp "$JAR" io.qingstor.installer.bench.FollowersBench --followers "${FOLLOWERS:-1000}" \
    --runs "${FOLLOW_RUNS:-3}" --out "$OUT_DIR/follow.md" \
    || log "the live log follow benchmark failed"
fi

if wants login-flood; then
  rm -f "$OUT_DIR/login-flood.md"
  log "cached polls under a failed-login flood"
  wait_for_quiet
  java -cp "$JAR" io.qingstor.installer.bench.LoginFloodBench --out "$OUT_DIR/login-flood.md" \
    --seconds "${FLOOD_SECONDS:-20}" || log "the login-flood benchmark failed"
fi

if wants pre-auth; then
  rm -f "$OUT_DIR/pre-auth.md"
  log "probes during the pre-authentication memory attack"
  wait_for_quiet
  java -cp "$JAR" io.qingstor.installer.bench.PreAuthMemoryBench \
    --server-jar qs-server/target/qs-server.jar --out "$OUT_DIR/pre-auth.md" \
    || log "the pre-authentication memory benchmark failed"
fi

if wants swift-deploy; then
  rm -f "$OUT_DIR/swift-deploy.md"
  log "swift deploy: control plane against remote work"
  wait_for_quiet
  java -cp "$JAR" io.qingstor.installer.bench.SwiftDeployBench --runs "${SWIFT_RUNS:-3}" \
    --out "$OUT_DIR/swift-deploy.md" || log "the swift deploy benchmark failed"
fi

if wants ansible; then
  rm -f "$OUT_DIR/ansible.md"
  if [ "$(id -u)" = 0 ]; then
    log "Ansible executor against native steps"
    wait_for_quiet
    java -cp "$JAR" io.qingstor.installer.bench.AnsibleDeployBench --sizes "${ANSIBLE_SIZES:-12 50}" \
      --runs "${ANSIBLE_DEPLOY_RUNS:-1}" --out "$OUT_DIR/ansible.md" \
      || log "the Ansible executor benchmark failed"
  else
    log "not root: skipping the Ansible executor benchmark"
    printf '## Ansible executor against native steps\n\nNot measured: needs root (sshd for the user qs-test).\n' \
      > "$OUT_DIR/ansible.md"
  fi
fi

echo "Last run time: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s (parts: $PARTS; build included)" \
  > "$OUT_DIR/meta-run.txt"
cat "$OUT_DIR"/meta-*.txt > "$OUT_DIR/meta.txt"
java -cp "$JAR" io.qingstor.installer.bench.ResultsReport --out "$ROOT/bench/RESULTS.md" \
  --fanout "$OUT_DIR/fanout.jsonl" --http "$OUT_DIR/http.jsonl" --startup "$OUT_DIR/startup.jsonl" \
  --jmh "$OUT_DIR/jmh.json" --meta "$OUT_DIR/meta.txt"
if [ -f "$OUT_DIR/follow.md" ]; then
  { echo; cat "$OUT_DIR/follow.md"; } >> "$ROOT/bench/RESULTS.md"
fi
for section in login-flood pre-auth swift-deploy ansible; do
  if [ -f "$OUT_DIR/$section.md" ]; then
    printf '\n' >> "$ROOT/bench/RESULTS.md"
    cat "$OUT_DIR/$section.md" >> "$ROOT/bench/RESULTS.md"
  fi
done
log "wrote bench/RESULTS.md"
