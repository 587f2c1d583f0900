# shellcheck shell=bash
# Shared by bench/run.sh and bench/ssh-fanout.sh (sourced, not run).

# busy_ticks: CPU time all processes of the machine have used, in USER_HZ (1/100 s) ticks.
busy_ticks() {
  local _cpu user nice system _idle _iowait irq softirq steal _rest
  read -r _cpu user nice system _idle _iowait irq softirq steal _rest < /proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}

# wait_for_quiet: the machine may be shared; waits (up to QUIET_WAIT seconds, default 30) until
# other processes use less than 0.3 of a core over a second, so that a measurement does not start
# in the middle of someone else's build. Measures anyway when the wait runs out, and says so.
wait_for_quiet() {
  local deadline=$((SECONDS + ${QUIET_WAIT:-30})) busy
  while :; do
    busy=$(busy_ticks)
    sleep 1
    busy=$(($(busy_ticks) - busy))
    [ "$busy" -ge 30 ] || return 0
    if [ $SECONDS -ge $deadline ]; then
      printf '[bench] the machine stays busy (others use %s%% of a core); measuring anyway\n' "$busy" >&2
      return 0
    fi
  done
}
