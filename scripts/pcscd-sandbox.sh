#!/usr/bin/env bash
# A private pcscd with the vsmartcard vpcd reader, for tests and demos. It cannot clash with
# a system pcscd: pcscd 1.9.9 ignores PCSCLITE_CSOCK_NAME and always uses /run/pcscd, so it
# runs in its own mount namespace where DIR/run is mounted on /run (socket, pid file and
# exit clean-up stay in DIR) and the USB driver directory is hidden (no real readers).
# Clients reach it with PCSCLITE_CSOCK_NAME (see `env`). Details: docs/pcsc-sandbox.md.
#
# Usage: pcscd-sandbox.sh start DIR [PORT]   start, wait until ready (PORT default 35963;
#                                            vpcd also listens on PORT+1 for its second slot)
#        pcscd-sandbox.sh stop DIR           stop exactly the pcscd started in DIR
#        pcscd-sandbox.sh env DIR            print export lines for clients
# Environment: PCSC_SANDBOX_DEBUG=1 logs at debug level with APDUs; PCSC_SANDBOX_AUTO_EXIT=1
# lets pcscd quit after 60 s without clients (a crashed test leaves no daemon behind);
# VPCD_DRIVER overrides the vpcd driver path; PCSC_SANDBOX_READER_NAME names the reader (default
# "Virtual PCD"; e.g. "TOKEN2 Molto2 [CCID Interface]" to test reader matching as on a real Molto2).
# DIR must be the caller's own directory with mode 0700 (created so when missing): pcscd, root
# in its namespace, loads the driver and reader.conf from it (scripts/private-dir.sh).
set -euo pipefail
# shellcheck source=private-dir.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-dir.sh"

usage() { echo "usage: $0 start DIR [PORT] | stop DIR | env DIR" >&2; exit 64; }
die() { echo "pcscd-sandbox: $*" >&2; exit 1; }

[[ $# -ge 2 ]] || usage
action=$1
# Links above DIR are resolved, DIR itself is not: a link planted there is refused, not followed.
dir="$(realpath -m -- "$(dirname -- "$2")")/$(basename -- "$2")"
port=${3:-35963}
socket="$dir/run/pcscd/pcscd.comm"
pidfile="$dir/pcscd.pid"

# A pid counts as our pcscd only if it is alive (not a zombie) and was started on our config.
ours() {
  local pid=$1 state
  [[ -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
  [[ $state != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "pcscd .*$dir/reader.conf"
}

listening() {  # is anything listening on TCP port $1 (IPv4 or IPv6)?
  local hex
  hex=$(printf ':%04X ' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v p="$hex" '$4 == "0A" && index($2 " ", p)' |
    grep -q .
}

start() {
  [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65535)) || die "bad port: $port"
  [[ $dir != *[[:space:]]* ]] || die "DIR must not contain spaces (reader.conf cannot quote them)"
  local why
  why=$(private_dir_ensure "$dir" 2>&1) || die "$why"
  if [[ -f $pidfile ]] && ours "$(cat "$pidfile")"; then
    die "already running in $dir (pid $(cat "$pidfile"))"
  fi
  local driver=${VPCD_DRIVER:-/usr/lib/pcsc/drivers/serial/libifdvpcd.so}
  [[ -f $driver ]] || die "vpcd driver not found at $driver (apt-get install vsmartcard-vpcd)"
  command -v pcscd >/dev/null || die "pcscd not installed (apt-get install pcscd)"
  command -v unshare >/dev/null || die "unshare not found (util-linux)"
  for p in "$port" $((port + 1)); do
    listening "$p" && die "TCP port $p is already in use"
  done

  # Only this user can have put anything in DIR; what an earlier run left is replaced, and every
  # file is created afresh (noclobber), never written through whatever stood there.
  mkdir -p "$dir/run" "$dir/drivers" "$dir/empty"
  rm -rf "${dir:?}/run/pcscd"
  rm -f "$dir/drivers/libifdvpcd.so" "$dir/reader.conf" "$dir/port" "$dir/pcscd.log" "$pidfile"
  set -o noclobber
  # The driver is copied because the namespace hides /usr/lib/pcsc/drivers.
  cp "$driver" "$dir/drivers/libifdvpcd.so"
  local name=${PCSC_SANDBOX_READER_NAME:-Virtual PCD}
  [[ $name =~ ^[][A-Za-z0-9\ ._()+-]+$ ]] || die "PCSC_SANDBOX_READER_NAME: letters, digits, spaces and ._()[]+- only"
  cat >"$dir/reader.conf" <<EOF
FRIENDLYNAME "$name"
DEVICENAME   /dev/null:$port
LIBPATH      $dir/drivers/libifdvpcd.so
CHANNELID    $port
EOF
  echo "$port" >"$dir/port"

  local ns=(unshare --mount --propagation private)
  # Without root, a user namespace grants the mount rights (where the kernel allows it).
  [[ $(id -u) -eq 0 ]] || ns=(unshare --user --map-root-user --mount --propagation private)
  local flags=(--foreground --config "$dir/reader.conf")
  [[ ${PCSC_SANDBOX_DEBUG:-0} == 1 ]] && flags+=(--debug --apdu)
  [[ ${PCSC_SANDBOX_AUTO_EXIT:-0} == 1 ]] && flags+=(--auto-exit)

  # unshare and sh both exec, so $! is pcscd's own pid.
  # shellcheck disable=SC2016
  "${ns[@]}" sh -c '
    set -e
    mount --bind "$1/run" /run
    if [ -d /usr/lib/pcsc/drivers ]; then mount --bind "$1/empty" /usr/lib/pcsc/drivers; fi
    shift
    exec pcscd "$@"' sh "$dir" "${flags[@]}" >"$dir/pcscd.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"

  local deadline=$((SECONDS + ${PCSC_SANDBOX_TIMEOUT:-10}))
  until [[ -S $socket ]] && listening "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      die "pcscd exited during start-up; log: $dir/pcscd.log"$'\n'"$(tail -n 20 "$dir/pcscd.log")"
    fi
    if ((SECONDS >= deadline)); then
      kill -TERM "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      die "pcscd not ready after ${PCSC_SANDBOX_TIMEOUT:-10} s; log: $dir/pcscd.log"
    fi
    sleep 0.05
  done
  echo "pcscd sandbox ready: pid $pid, socket $socket, vpcd ports $port and $((port + 1))"
}

stop() {
  [[ -e $dir || -L $dir ]] || { echo "pcscd sandbox not running in $dir"; return 0; }
  local why
  why=$(private_dir_check "$dir" 2>&1) || die "$why"
  [[ -f $pidfile ]] || { echo "pcscd sandbox not running in $dir"; return 0; }
  local pid
  pid=$(cat "$pidfile")
  if ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 5))
    while ours "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    if ours "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
  rm -rf "${dir:?}/run/pcscd"
  echo "pcscd sandbox stopped (pid $pid)"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  env)
    printf 'export PCSCLITE_CSOCK_NAME=%q\n' "$socket"
    [[ -f $dir/port ]] && printf 'export PCSC_SANDBOX_VPCD_PORT=%q\n' "$(cat "$dir/port")"
    ;;
  *) usage ;;
esac
