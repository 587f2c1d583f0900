#!/usr/bin/env bash
# SSH fan-out benchmark: our SshExecutor/FanOut against OpenSSH clients and Ansible, all
# talking to real OpenSSH servers on loopback addresses 127.0.0.2 onwards.
#
# Usage: bench/ssh-fanout.sh [RESULTS_FILE]      (default bench/out/fanout.jsonl, appended to)
# Tool versions and settings go to META (default: meta.txt beside RESULTS_FILE), as 'key: value'.
# Needs root (it creates the user 'qsbench' and starts sshd) and the built jar:
#   mvn -B -q -P bench -pl qs-bench -am package -DskipTests
# Environment knobs (defaults in brackets):
#   RUNS [5]            runs of each measurement
#   ANSIBLE_RUNS [3]    runs of each Ansible measurement (the slowest part: ~100 s a run)
#   SIZES ["10 50 200"] node counts for our cold/warm scaling figures
#   NODES [50]          node count of the baselines and of the 3-task step
#   PARALLELISM [50]    our fan-out's parallelism, Ansible's -f, xargs' -P
#   PORT [2222]         the sshd port on every address
#   KEEP_WORK [0]       1 keeps the temp dir (configs, logs) for inspection
#   QUIET_WAIT [30]     seconds to wait, before each round, for other processes to go quiet
#
# Every sshd runs with its own config, host key and pid file in a temp dir (UsePAM no, key
# auth only, loopback only) and is stopped on exit. A missing Ansible is reported and only
# the Ansible baselines are skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/bench/out/fanout.jsonl}
META=${META:-$(dirname "$OUT")/meta.txt}
JAR=${JAR:-$ROOT/qs-bench/target/benchmarks.jar}
RUNS=${RUNS:-5}
ANSIBLE_RUNS=${ANSIBLE_RUNS:-3}
SIZES=${SIZES:-"10 50 200"}
NODES=${NODES:-50}
PARALLELISM=${PARALLELISM:-50}
PORT=${PORT:-2222}
KEEP_WORK=${KEEP_WORK:-0}
BENCH_USER=qsbench
FIRST_ADDRESS=2             # 127.0.0.2; .1 stays free for anything else on the machine
ADDRESSES_PER_SSHD=16       # OpenSSH's MAX_LISTEN_SOCKS

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

log() { printf '[ssh-fanout] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it creates the user $BENCH_USER and starts sshd"
[ -f "$JAR" ] || die "$JAR is missing; build it with: mvn -B -q -P bench -pl qs-bench -am package -DskipTests"

MAX_NODES=$NODES
for n in $SIZES; do [ "$n" -gt "$MAX_NODES" ] && MAX_NODES=$n; done
[ $((FIRST_ADDRESS + MAX_NODES - 1)) -le 254 ] || die "at most $((255 - FIRST_ADDRESS)) nodes fit on 127.0.0.x"

WORK=$(mktemp -d /tmp/qsbench.XXXXXX)
SSHD_PIDS=()
HAVE_ANSIBLE=1

# --- packages ---------------------------------------------------------------------------

ensure_packages() {
  local missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh >/dev/null || missing+=(openssh-client)
  command -v sshpass >/dev/null || missing+=(sshpass)
  command -v ansible-playbook >/dev/null || missing+=(ansible)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null || log "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-server openssh-client >/dev/null \
      || die "cannot install OpenSSH"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q sshpass ansible >/dev/null \
      || log "cannot install Ansible: its baselines are skipped"
  fi
  if ! command -v ansible-playbook >/dev/null; then
    HAVE_ANSIBLE=0
    log "Ansible is not installed: skipping the Ansible baselines"
  fi
}

# --- user, keys, servers ----------------------------------------------------------------

address() { echo "127.0.0.$((FIRST_ADDRESS + $1 - 1))"; }

setup_user() {
  id "$BENCH_USER" >/dev/null 2>&1 || useradd -m -s /bin/sh "$BENCH_USER"
  # With UsePAM no, sshd refuses even key logins to a locked ('!') account; '*' has no
  # password but is not locked.
  usermod -p '*' "$BENCH_USER"
  local home
  home=$(getent passwd "$BENCH_USER" | cut -d: -f6)
  install -d -m 700 -o "$BENCH_USER" -g "$BENCH_USER" "$home/.ssh"
  install -m 600 -o "$BENCH_USER" -g "$BENCH_USER" "$WORK/id_ed25519.pub" "$home/.ssh/authorized_keys"
  rm -rf "$home/qsbench-step"
  BENCH_HOME=$home
}

write_sshd_config() { # group first last
  local group=$1 first=$2 last=$3 i
  {
    echo "Port $PORT"
    for ((i = first; i <= last; i++)); do echo "ListenAddress $(address "$i")"; done
    cat <<EOF
HostKey $WORK/ssh_host_ed25519_key
PidFile $WORK/sshd-$group.pid
UsePAM no
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $BENCH_USER
AuthorizedKeysFile .ssh/authorized_keys
MaxStartups 1000
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
  } > "$WORK/sshd-$group.conf"
}

start_servers() {
  mkdir -p /run/sshd && chmod 755 /run/sshd
  local group=0 first last
  for ((first = 1; first <= MAX_NODES; first += ADDRESSES_PER_SSHD)); do
    last=$((first + ADDRESSES_PER_SSHD - 1))
    [ "$last" -le "$MAX_NODES" ] || last=$MAX_NODES
    write_sshd_config "$group" "$first" "$last"
    /usr/sbin/sshd -t -f "$WORK/sshd-$group.conf" || die "sshd rejects $WORK/sshd-$group.conf"
    # -D: sshd stays this script's child, so that stopping it also reaps it.
    /usr/sbin/sshd -D -f "$WORK/sshd-$group.conf" -E "$WORK/sshd-$group.log" &
    SSHD_PIDS+=($!)
    group=$((group + 1))
  done
  local deadline=$((SECONDS + 20))
  for ((i = 1; i <= MAX_NODES; i++)); do
    until timeout 1 bash -c "exec 3<>/dev/tcp/$(address "$i")/$PORT" 2>/dev/null; do
      [ $SECONDS -lt $deadline ] || die "nothing listens on $(address "$i"):$PORT: $(cat "$WORK"/sshd-*.log)"
      sleep 0.1
    done
  done
  log "$group sshd processes serve $MAX_NODES addresses $(address 1)-$(address "$MAX_NODES") port $PORT"
}

write_fleet_files() {
  local i
  : > "$WORK/targets"; : > "$WORK/inventory"
  for ((i = 1; i <= MAX_NODES; i++)); do
    echo "node-$i $(address "$i") $PORT" >> "$WORK/targets"
  done
  for ((i = 1; i <= NODES; i++)); do
    echo "node-$i ansible_host=$(address "$i") ansible_port=$PORT" >> "$WORK/inventory"
  done
  cat >> "$WORK/inventory" <<EOF

[all:vars]
ansible_user=$BENCH_USER
ansible_ssh_private_key_file=$WORK/id_ed25519
ansible_python_interpreter=/usr/bin/python3
EOF
  # 1 KiB: 16 lines of 63 characters and a newline.
  for ((i = 0; i < 16; i++)); do
    printf '%063d\n' "$i" | tr '0' 'q'
  done > "$WORK/payload.txt"
  cat > "$WORK/step.yml" <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - name: command
      command: mkdir -p $BENCH_HOME/qsbench-step/{{ inventory_hostname }}
    - name: copy a 1 KiB file
      copy:
        src: $WORK/payload.txt
        dest: $BENCH_HOME/qsbench-step/{{ inventory_hostname }}/payload.txt
    - name: read it back
      command: cat $BENCH_HOME/qsbench-step/{{ inventory_hostname }}/payload.txt
EOF
  : > "$WORK/ansible.cfg"
}

cleanup() {
  local rc=$?
  exit_control_masters
  local pid
  for pid in "${SSHD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SSHD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "${BENCH_HOME:-}" ] || rm -rf "$BENCH_HOME/.ssh/authorized_keys" "$BENCH_HOME/qsbench-step"
  if [ "$KEEP_WORK" = 1 ] || [ $rc -ne 0 ]; then
    log "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

# --- timing -----------------------------------------------------------------------------

# record NAME NODES RUN SECONDS OK NOTE: appends one JSON line, the shape SshFanOutBench writes.
record() {
  local note=""
  [ -z "$6" ] || note=",\"note\":\"$6\""
  printf '{"name":"%s","nodes":%d,"run":%d,"seconds":%s,"ok":%s%s}\n' "$1" "$2" "$3" "$4" "$5" "$note" >> "$OUT"
  printf '  %-32s nodes=%-4d run=%-2d %8s s %s\n' "$1" "$2" "$3" "$4" "$([ "$5" = true ] || echo "FAILED: $6")" >&2
}

# timed NAME NODES RUN COMMAND...: runs the command, records its wall time and whether it exited
# 0, and the machine's CPU time meanwhile as NAME-cpu-machine.
timed() {
  local name=$1 nodes=$2 run=$3 start end rc=0 note="" busy
  shift 3
  busy=$(busy_ticks)
  start=$(date +%s%N)
  "$@" > "$WORK/last.log" 2>&1 || rc=$?
  end=$(date +%s%N)
  busy=$(( $(busy_ticks) - busy ))
  if [ $rc -ne 0 ]; then
    note="exit $rc: $(grep -v '^\s*$' "$WORK/last.log" | tail -n 1 | tr -d '\042\134' | tr -c '[:print:]' ' ' | cut -c1-200)"
  fi
  record "$name" "$nodes" "$run" "$(awk "BEGIN { printf \"%.4f\", ($end - $start) / 1e9 }")" \
    "$([ $rc -eq 0 ] && echo true || echo false)" "$note"
  [ $rc -ne 0 ] || record "$name-cpu-machine" "$nodes" "$run" "$(awk "BEGIN { printf \"%.2f\", $busy / 100 }")" true ""
}

# --- baselines --------------------------------------------------------------------------

SSH_OPTS=(-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
  -o LogLevel=ERROR -o ConnectTimeout=30 -i "$WORK/id_ed25519" -p "$PORT")

parallel_ssh() { # nodes [ssh options...]: the practical floor for fresh connections
  local n=$1
  shift
  head -n "$n" "$WORK/targets" | awk '{ print $2 }' \
    | xargs -P "$PARALLELISM" -I{} ssh "${SSH_OPTS[@]}" "$@" "$BENCH_USER@{}" true
}

# The warm floor: OpenSSH clients multiplexed over master connections opened beforehand.
mux_masters() {
  mkdir -p "$WORK/cp-mux"
  head -n "$NODES" "$WORK/targets" | awk '{ print $2 }' | xargs -P "$PARALLELISM" -I{} ssh "${SSH_OPTS[@]}" \
    -o ControlMaster=yes -o ControlPath="$WORK/cp-mux/%h" -o ControlPersist=yes -fN "$BENCH_USER@{}"
}

mux_ssh() {
  head -n "$NODES" "$WORK/targets" | awk '{ print $2 }' | xargs -P "$PARALLELISM" -I{} ssh "${SSH_OPTS[@]}" \
    -o ControlMaster=no -o ControlPath="$WORK/cp-mux/%h" "$BENCH_USER@{}" true
}

export ANSIBLE_CONFIG="$WORK/ansible.cfg" ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_RETRY_FILES_ENABLED=False \
  ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$WORK/ansible-local" ANSIBLE_DEPRECATION_WARNINGS=False
# Ansible's default ssh_args (connection sharing kept alive 60 s), and no writes to root's known_hosts.
export ANSIBLE_SSH_ARGS="-C -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"

exit_control_masters() {
  local socket
  for socket in "$WORK"/cp-*/*; do
    if [ -S "$socket" ]; then
      ssh -o ControlPath="$socket" -O exit placeholder >/dev/null 2>&1 || true
    fi
  done
}

# ansible_cold_warm NAME RUN COMMAND...: a cold run (no shared connections) then a warm one
# (reusing the connections the cold run left open, Ansible's ControlPersist).
ansible_cold_warm() {
  local name=$1 run=$2
  shift 2
  export ANSIBLE_SSH_CONTROL_PATH_DIR="$WORK/cp-$name-$run"
  mkdir -p "$ANSIBLE_SSH_CONTROL_PATH_DIR"
  rm -rf "$BENCH_HOME/qsbench-step"
  timed "$name-cold" "$NODES" "$run" "$@"
  rm -rf "$BENCH_HOME/qsbench-step"
  timed "$name-warm" "$NODES" "$run" "$@"
  exit_control_masters
}

run_ansible_baselines() {
  if [ "$HAVE_ANSIBLE" != 1 ]; then
    record ansible-skipped "$NODES" 0 0 false "Ansible could not be installed on this machine"
    return
  fi
  local run
  log "ansible ($(ansible --version 2>/dev/null | sed -n 1p)), $ANSIBLE_RUNS runs each"
  for ((run = 1; run <= ANSIBLE_RUNS; run++)); do
    wait_for_quiet
    timed background-idle 0 "$((RUNS + run))" sleep 2
    ansible_cold_warm ansible-command "$run" ansible all -i "$WORK/inventory" -f "$PARALLELISM" -m command -a true
    ansible_cold_warm ansible-raw "$run" ansible all -i "$WORK/inventory" -f "$PARALLELISM" -m raw -a true
    ansible_cold_warm ansible-playbook-step "$run" ansible-playbook -i "$WORK/inventory" -f "$PARALLELISM" "$WORK/step.yml"
  done
}

# --- ours -------------------------------------------------------------------------------

ours() { # mode extra-args...
  local mode=$1
  shift
  java -cp "$JAR" io.qingstor.installer.bench.SshFanOutBench --mode "$mode" --targets "$WORK/targets" \
    --user "$BENCH_USER" --key "$WORK/id_ed25519" --known-hosts "$WORK/known_hosts" --out "$OUT" \
    --parallelism "$PARALLELISM" "$@"
}

# --- rounds -----------------------------------------------------------------------------

# round RUN: one run of each OpenSSH baseline and of ours, interleaved, so that a change in the
# machine's background load (it may be shared) hits ours and its baselines alike. Ours runs in a
# fresh JVM per round, after an unrecorded warm-up run of each measurement.
round() {
  local run=$1 n
  log "round $run of $RUNS"
  wait_for_quiet
  # What the rest of the machine uses while the harness does nothing for 2 s.
  timed background-idle 0 "$run" sleep 2
  for n in $(echo "$NODES $SIZES" | tr ' ' '\n' | sort -nu); do
    timed openssh-parallel-true "$n" "$run" parallel_ssh "$n"
  done
  ours fanout --runs 1 --run "$run" --sizes "$(echo "$SIZES" | tr ' ' ',')"
  # OpenSSH's default key exchange (sntrup761x25519-sha512 since 9.0) costs far more CPU than the
  # curve25519-sha256 that MINA's client negotiates: the same floor with that exchange compares like with like.
  timed openssh-parallel-true-curve25519 "$NODES" "$run" parallel_ssh "$NODES" -o KexAlgorithms=curve25519-sha256
  # The first call of a fresh JVM, in-process (recorded by the JVM) and as the whole process' wall time.
  timed ours-true-first-call-process "$NODES" "$run" ours first --sizes "$NODES" --run "$run"
  mux_masters || die "cannot open the ControlMaster connections"
  timed openssh-mux-true-warm "$NODES" "$run" mux_ssh
  exit_control_masters
  ours step --runs 1 --run "$run" --sizes "$NODES" --payload "$WORK/payload.txt"
}

run_rounds() {
  log "OpenSSH ($(ssh -V 2>&1)) with $PARALLELISM parallel clients, and ours, $RUNS rounds"
  local run
  for ((run = 1; run <= RUNS; run++)); do
    round "$run"
  done
  log "ours: cold connection phases on $NODES nodes"
  ours phases --runs "$RUNS" --sizes "$NODES"
}

write_meta() {
  {
    echo "OpenSSH: $(ssh -V 2>&1)"
    if [ "$HAVE_ANSIBLE" = 1 ]; then
      echo "Ansible: $(ansible --version 2>/dev/null | sed -n '1s/[][]//gp'), python $(python3 -c 'import platform; print(platform.python_version())')"
    else
      echo "Ansible: not installed, its baselines skipped"
    fi
    echo "SSH nodes: $MAX_NODES OpenSSH sshd addresses 127.0.0.$FIRST_ADDRESS-$(address "$MAX_NODES") port $PORT, ed25519 keys, user $BENCH_USER"
    echo "SSH runs: $RUNS per figure ($ANSIBLE_RUNS for Ansible), parallelism $PARALLELISM, baselines on $NODES nodes"
  } >> "$META"
}

# --- main -------------------------------------------------------------------------------

mkdir -p "$(dirname "$OUT")"
ensure_packages
write_meta
ssh-keygen -q -t ed25519 -N '' -C qsbench-client -f "$WORK/id_ed25519"
ssh-keygen -q -t ed25519 -N '' -C qsbench-host -f "$WORK/ssh_host_ed25519_key"
setup_user
write_fleet_files
start_servers
run_rounds
run_ansible_baselines
log "results appended to $OUT"
