#!/bin/sh
# facts.sh: prints what a node's hardware and OS look like, one fact per line.
#
# Portable POSIX sh (dash, bash, busybox ash). It reads /proc and /sys with shell builtins,
# uses `ip -o addr` when present (else `ifconfig` for IPv4 and /proc/net/if_inet6 for IPv6),
# never evaluates what it reads, and always exits 0: a fact it cannot learn is left out.
#
# Output format "facts-version 1" (fields separated by one space; new kinds of line may be
# added without a version change, a version change means an incompatible change):
#   facts-version 1
#   hostname <text>
#   os <text>                                  PRETTY_NAME of os-release
#   kernel <text>
#   arch <text>
#   cpus <online CPUs>
#   mem_kb <MemTotal in KiB>
#   disk <name> <size in 512-byte sectors|-> <rotational 0|1|-> <mounted 0|1|->
#   iface <name> <mac|->
#   addr <iface> <address>/<prefix length>
# Values have their control characters removed, so one fact is always one line.
# Block devices skipped: loop*, ram*, zram* (memory or file backed), fd* (floppy), sr* (optical).
# A disk counts as mounted when it, one of its partitions or a device stacked on them
# (holders: LVM, dm-crypt, md) is mounted (by name or by major:minor) or an active swap.
# FACTS_ROOT (unset in production; no whitespace) prefixes every file read, for fixture tests.

LC_ALL=C
export LC_ALL
R=${FACTS_ROOT:-}

# Prints "<key> <value>" with control characters removed; prints nothing for an empty value.
emit() {
  _v=$2
  case $_v in
    *[[:cntrl:]]*)
      _in=$_v
      _v=
      while [ -n "$_in" ]; do
        _rest=${_in#?}
        _c=${_in%"$_rest"}
        _in=$_rest
        case $_c in [[:cntrl:]]) ;; *) _v=$_v$_c ;; esac
      done
      ;;
  esac
  if [ -n "$_v" ]; then printf '%s %s\n' "$1" "$_v"; fi
}

# Sets $line to the first line of file $1; fails when the file is unreadable or empty.
first_line() {
  line=
  [ -f "$1" ] && [ -r "$1" ] || return 1
  IFS= read -r line < "$1" || [ -n "$line" ]
}

# Succeeds when $1 is a decimal number without leading zeros that shell arithmetic can hold.
is_uint() {
  case $1 in '' | *[!0-9]* | 0?*) return 1 ;; esac
  [ ${#1} -le 18 ]
}

has() {
  command -v "$1" > /dev/null 2>&1
}

facts_hostname() {
  if first_line "$R/proc/sys/kernel/hostname"; then
    emit hostname "$line"
  elif has uname; then
    emit hostname "$(uname -n 2> /dev/null)"
  fi
}

facts_os() {
  for f in "$R/etc/os-release" "$R/usr/lib/os-release"; do
    [ -f "$f" ] && [ -r "$f" ] || continue
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        PRETTY_NAME=*)
          v=${line#PRETTY_NAME=}
          case $v in
            \"*\") v=${v#\"}; v=${v%\"} ;;
            \'*\') v=${v#\'}; v=${v%\'} ;;
          esac
          emit os "$v"
          return
          ;;
      esac
    done < "$f"
  done
  for f in "$R/etc/redhat-release" "$R/etc/system-release"; do
    if first_line "$f"; then emit os "$line"; return; fi
  done
}

facts_kernel() {
  if first_line "$R/proc/sys/kernel/osrelease"; then
    emit kernel "$line"
  elif has uname; then
    emit kernel "$(uname -r 2> /dev/null)"
  fi
}

facts_arch() {
  if has uname; then emit arch "$(uname -m 2> /dev/null)"; fi
}

# Counts the CPUs in a list like "0-3,6,8-9" (sysfs online mask); prints 0 when malformed.
count_cpu_list() {
  _n=0
  set -f
  IFS=,
  set -- $1
  unset IFS
  for _r do
    case $_r in
      *-*)
        _a=${_r%-*}
        _b=${_r#*-}
        is_uint "$_a" && is_uint "$_b" && [ "$_b" -ge "$_a" ] || { echo 0; return; }
        _n=$((_n + _b - _a + 1))
        ;;
      *)
        is_uint "$_r" || { echo 0; return; }
        _n=$((_n + 1))
        ;;
    esac
  done
  echo "$_n"
}

facts_cpus() {
  n=0
  if first_line "$R/sys/devices/system/cpu/online"; then n=$(count_cpu_list "$line"); fi
  if [ "$n" = 0 ] && [ -r "$R/proc/cpuinfo" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in processor*:*) n=$((n + 1)) ;; esac
    done < "$R/proc/cpuinfo"
  fi
  if [ "$n" = 0 ] && has getconf; then n=$(getconf _NPROCESSORS_ONLN 2> /dev/null); fi
  if is_uint "$n" && [ "$n" -gt 0 ]; then emit cpus "$n"; fi
}

facts_mem() {
  [ -r "$R/proc/meminfo" ] || return
  set -f
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      MemTotal:*)
        set -- ${line#MemTotal:}
        if is_uint "$1"; then emit mem_kb "$1"; fi
        return
        ;;
    esac
  done < "$R/proc/meminfo"
}

# Sets $used to " <token> <token> ... " naming what is mounted or swapped on: major:minor
# pairs from mountinfo and device paths without /dev/ from mounts and swaps. Sets
# $used_known to 1 when any of these tables could be read.
collect_used() {
  used=' '
  used_known=0
  if [ -r "$R/proc/self/mountinfo" ]; then
    used_known=1
    while read -r _id _parent _majmin _rest || [ -n "$_id" ]; do
      used="$used$_majmin "
    done < "$R/proc/self/mountinfo"
  fi
  for _f in "$R/proc/mounts" "$R/proc/swaps"; do
    [ -r "$_f" ] || continue
    used_known=1
    while read -r _src _rest || [ -n "$_src" ]; do
      case $_src in /dev/?*) used="$used${_src#/dev/} " ;; esac
    done < "$_f"
  done
}

# Prints 1 when the block device at sysfs path $1, a partition of it or a holder stacked on
# them is in $used, 0 when none is, - when nothing says what is mounted.
in_use() {
  [ "$used_known" = 1 ] || { echo -; return; }
  set -f
  _todo=$1
  _steps=0
  while [ -n "$_todo" ] && [ "$_steps" -lt 512 ]; do
    _steps=$((_steps + 1))
    set -- $_todo
    _cur=$1
    shift
    _todo=$*
    _name=${_cur##*/}
    case $used in *" $_name "*) echo 1; return ;; esac
    if first_line "$_cur/dev"; then case $used in *" $line "*) echo 1; return ;; esac; fi
    if first_line "$_cur/dm/name"; then case $used in *" mapper/$line "*) echo 1; return ;; esac; fi
    set +f
    for _p in "$_cur/$_name"*; do
      if [ -f "$_p/partition" ]; then _todo="$_todo $_p"; fi
    done
    for _h in "$_cur"/holders/*; do
      if [ -e "$_h" ]; then _todo="$_todo $R/sys/block/${_h##*/}"; fi
    done
    set -f
  done
  echo 0
}

facts_disks() {
  collect_used
  for d in "$R"/sys/block/*; do
    [ -d "$d" ] || continue
    name=${d##*/}
    case $name in loop* | ram* | zram* | fd* | sr*) continue ;; esac
    size=-
    if first_line "$d/size" && is_uint "$line"; then size=$line; fi
    rot=-
    if first_line "$d/queue/rotational"; then
      case $line in 0 | 1) rot=$line ;; esac
    fi
    emit disk "$name $size $rot $(in_use "$d")"
  done
}

facts_ifaces() {
  if [ -d "$R/sys/class/net" ]; then
    for d in "$R"/sys/class/net/*; do
      [ -d "$d" ] || continue
      mac=-
      if first_line "$d/address"; then
        case $line in '' | *[!0-9a-f:]*) ;; *) mac=$line ;; esac
      fi
      emit iface "${d##*/} $mac"
    done
  elif [ -r "$R/proc/net/dev" ]; then
    set -f
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        *:*)
          set -- ${line%%:*}
          if [ $# -eq 1 ]; then emit iface "$1 -"; fi
          ;;
      esac
    done < "$R/proc/net/dev"
  fi
}

# Prints the prefix length of a dotted IPv4 netmask; fails when it is not a netmask.
mask_bits() {
  set -f
  IFS=.
  set -- $1
  unset IFS
  [ $# -eq 4 ] || return 1
  _bits=0
  _ended=0
  for _o do
    case $_o in
      255) _b=8 ;; 254) _b=7 ;; 252) _b=6 ;; 248) _b=5 ;; 240) _b=4 ;;
      224) _b=3 ;; 192) _b=2 ;; 128) _b=1 ;; 0) _b=0 ;;
      *) return 1 ;;
    esac
    if [ "$_ended" = 1 ] && [ "$_b" -ne 0 ]; then return 1; fi
    if [ "$_b" -lt 8 ]; then _ended=1; fi
    _bits=$((_bits + _b))
  done
  echo "$_bits"
}

# Emits "addr <iface> <cidr>" when the address looks like an IP address with a prefix.
emit_addr() {
  case $2 in
    */*[!0-9]* | */ | *[!0-9a-fA-F:./]*) return ;;
    [0-9a-fA-F:]*/[0-9]*) emit addr "$1 $2" ;;
  esac
}

addrs_ip() {
  set -f
  while read -r _idx _name _fam _cidr _rest || [ -n "$_idx" ]; do
    _name=${_name%:}
    _name=${_name%%@*}
    case $_fam in
      inet) case $_cidr in */*) ;; *) _cidr=$_cidr/32 ;; esac ;;
      inet6) case $_cidr in */*) ;; *) _cidr=$_cidr/128 ;; esac ;;
      *) continue ;;
    esac
    emit_addr "$_name" "$_cidr"
  done << EOF
$1
EOF
}

# IPv4 addresses from ifconfig, in either the busybox/old net-tools or the net-tools 2 layout.
addrs_ifconfig() {
  set -f
  _name=
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      '') ;;
      [![:space:]]*)
        set -- $line
        _name=${1%:}
        _name=${_name%%:*}
        ;;
      *)
        set -- $line
        _addr=
        _mask=
        while [ $# -gt 0 ]; do
          case $1 in
            inet) if [ $# -ge 2 ]; then shift; _addr=${1#addr:}; fi ;;
            netmask) if [ $# -ge 2 ]; then shift; _mask=$1; fi ;;
            Mask:*) _mask=${1#Mask:} ;;
          esac
          shift
        done
        if [ -n "$_name" ] && [ -n "$_addr" ]; then
          if [ -z "$_mask" ]; then
            emit_addr "$_name" "$_addr/32"
          elif _bits=$(mask_bits "$_mask"); then
            emit_addr "$_name" "$_addr/$_bits"
          fi
        fi
        ;;
    esac
  done << EOF
$1
EOF
}

# IPv6 addresses from /proc/net/if_inet6, written as eight groups without leading zeros.
addrs_inet6() {
  [ -r "$R/proc/net/if_inet6" ] || return
  while read -r _hex _idx _plen _scope _flags _name || [ -n "$_hex" ]; do
    case $_hex in '' | *[!0-9a-f]*) continue ;; esac
    case $_plen in '' | *[!0-9a-f]*) continue ;; esac
    [ ${#_hex} -eq 32 ] && [ ${#_plen} -le 2 ] && [ -n "$_name" ] || continue
    _addr=
    _left=$_hex
    while [ -n "$_left" ]; do
      _group=${_left%"${_left#????}"}
      _left=${_left#????}
      _group=${_group#0}
      _group=${_group#0}
      _group=${_group#0}
      _addr=${_addr:+$_addr:}$_group
    done
    emit_addr "$_name" "$_addr/$((0x$_plen))"
  done < "$R/proc/net/if_inet6"
}

facts_addrs() {
  if has ip && _out=$(ip -o addr show 2> /dev/null) && [ -n "$_out" ]; then
    addrs_ip "$_out"
    return
  fi
  if has ifconfig && _out=$(ifconfig -a 2> /dev/null) && [ -n "$_out" ]; then
    addrs_ifconfig "$_out"
  fi
  addrs_inet6
}

main() {
  printf 'facts-version 1\n'
  # Each section runs in a subshell so that nothing one of them meets can stop the others.
  for section in hostname os kernel arch cpus mem disks ifaces addrs; do
    ( "facts_$section" )
  done
}

# The script may come on stdin (sh -s): no command it runs may read from there.
main < /dev/null
exit 0
