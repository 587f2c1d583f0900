#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md (about 15 minutes on 2 cores):
#   1. builds the qs-bench module (mvn -P bench; the default build never includes it),
#   2. the SSH fan-out benchmark against real OpenSSH servers and Ansible (bench/ssh-fanout.sh;
#      needs root, installs OpenSSH and Ansible with apt-get when missing),
#   3. the JMH micro-benchmarks (config validation, JSON codec, step log paging),
#   4. the report, bench/RESULTS.md, with each target met or missed.
# Raw results stay in bench/out/ (not committed). Knobs: see bench/ssh-fanout.sh (RUNS,
# ANSIBLE_RUNS, SIZES, QUIET_WAIT, ...) and JMH_ARGS (extra JMH options, e.g. a benchmark name regex).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT_DIR=$ROOT/bench/out
JAR=$ROOT/qs-bench/target/benchmarks.jar
cd "$ROOT"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

log() { printf '[run] %s\n' "$*" >&2; }

rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"
started=$SECONDS

log "building qs-bench"
mvn -B -q -P bench -pl qs-bench -am package -DskipTests

if [ "$(id -u)" = 0 ]; then
  log "SSH fan-out benchmark"
  META="$OUT_DIR/meta.txt" bench/ssh-fanout.sh "$OUT_DIR/fanout.jsonl" \
    || log "the SSH fan-out benchmark failed; the report lists what it measured"
else
  log "not root: skipping the SSH fan-out benchmark"
  echo "SSH fan-out: skipped, bench/ssh-fanout.sh needs root" >> "$OUT_DIR/meta.txt"
fi

log "JMH benchmarks (log: bench/out/jmh.log)"
wait_for_quiet
# shellcheck disable=SC2086 # JMH_ARGS is a list of options
java -jar "$JAR" -rf json -rff "$OUT_DIR/jmh.json" ${JMH_ARGS:-} > "$OUT_DIR/jmh.log" 2>&1 \
  || log "JMH failed (see bench/out/jmh.log); the report lists what ran"

echo "Total run time: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s (build included)" \
  >> "$OUT_DIR/meta.txt"
java -cp "$JAR" io.qingstor.installer.bench.ResultsReport --out "$ROOT/bench/RESULTS.md" \
  --fanout "$OUT_DIR/fanout.jsonl" --jmh "$OUT_DIR/jmh.json" --meta "$OUT_DIR/meta.txt"
log "wrote bench/RESULTS.md"
