#!/usr/bin/env bash
# A private CUPS server with one PDF queue (cups-pdf), for printing tests: its own config,
# spool and state under DIR, a Unix socket instead of port 631, so it never touches the
# system's queues. Must run as root (cupsd drops filters to user lp; cups-pdf runs as root).
#
# Usage: cups-sandbox.sh start DIR [QUEUE]   start cupsd, add QUEUE (default tokenburner-pdf-PID)
#        cups-sandbox.sh stop DIR            stop it and remove the queue's cups-pdf config
#        cups-sandbox.sh env DIR             print export lines: CUPS_SERVER, CUPS_SANDBOX_PDF
# PDFs land in DIR/pdf. cups-pdf reads its per-queue config only from /etc/cups, so the one
# file /etc/cups/cups-pdf-QUEUE.conf is written there and removed by `stop`; the default queue
# name carries the starting shell's PID, so two test runs side by side never share that file.
# DIR must be root's own directory with mode 0755 (created so when missing; the filters need to
# enter it), not a link, in a directory nobody else can change (scripts/private-dir.sh).
set -euo pipefail
# shellcheck source=private-dir.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-dir.sh"
usage() { echo "usage: $0 start DIR [QUEUE] | stop DIR | env DIR" >&2; exit 64; }
die() { echo "cups-sandbox: $*" >&2; exit 1; }
[[ $# -ge 2 ]] || usage
action=$1
# Links above DIR are resolved, DIR itself is not: a link planted there is refused, not followed.
dir="$(realpath -m -- "$(dirname -- "$2")")/$(basename -- "$2")"
queue=${3:-tokenburner-pdf-$$}
# The queue names a file in /etc/cups: a plain name only.
[[ $queue =~ ^[A-Za-z0-9_-]+$ ]] || die "bad queue name: $queue"

start() {
  [[ $(id -u) -eq 0 ]] || die "needs root (cupsd and the cups-pdf backend)"
  command -v cupsd >/dev/null || die "cupsd not installed (apt-get install cups)"
  [[ -x /usr/lib/cups/backend/cups-pdf ]] || die "cups-pdf not installed (apt-get install printer-driver-cups-pdf)"
  # Filters run as user lp and must reach the spool: every directory above DIR needs o+x.
  local up=$dir
  while up=$(dirname "$up"); [[ $up != / ]]; do
    [[ -d $up ]] || continue
    [[ $(( 0$(stat -c %a "$up") & 01 )) -ne 0 ]] || die "$up is not searchable by others; cupsd's filters (user lp) could not read the spool (chmod o+x it)"
  done
  local why
  why=$(private_dir_ensure "$dir" 755 2>&1) || die "$why"
  mkdir -p "$dir"/{root,spool,tmp,state,cache,log,pdf}
  chmod 755 "$dir/pdf"
  chmod 1777 "$dir/tmp"
  # Every file is created afresh (noclobber), never written through whatever stood there.
  rm -f "$dir/cupsd.conf" "$dir/cups-files.conf" "$dir/queue" "$dir/cupsd.pid" "$dir/log/cupsd.out" \
    "/etc/cups/cups-pdf-$queue.conf"
  set -o noclobber
  cat >"$dir/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
  cat >"$dir/cups-files.conf" <<CONF
ServerRoot $dir/root
RequestRoot $dir/spool
TempDir $dir/tmp
StateDir $dir/state
CacheDir $dir/cache
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
DataDir /usr/share/cups
ServerBin /usr/lib/cups
User lp
Group lp
SystemGroup root
CONF
  printf 'Out %s\nAnonDirName %s\n' "$dir/pdf" "$dir/pdf" >"/etc/cups/cups-pdf-$queue.conf"
  echo "$queue" >"$dir/queue"
  cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" >"$dir/log/cupsd.out" 2>&1 </dev/null &
  echo $! >"$dir/cupsd.pid"
  for _ in $(seq 100); do [[ -S $dir/cups.sock ]] && break; sleep 0.05; done
  [[ -S $dir/cups.sock ]] || die "cupsd did not start; log: $dir/log/error_log"
  CUPS_SERVER="$dir/cups.sock" lpadmin -p "$queue" -E -v "cups-pdf:/$queue" \
    -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null || die "lpadmin failed"
  CUPS_SERVER="$dir/cups.sock" lpadmin -d "$queue"
  echo "cups sandbox ready: socket $dir/cups.sock, queue $queue, PDFs in $dir/pdf"
}

stop() {
  [[ -e $dir || -L $dir ]] || { echo "cups sandbox not running in $dir"; return 0; }
  local why
  why=$(private_dir_check "$dir" 755 2>&1) || die "$why"
  if [[ -f $dir/cupsd.pid ]]; then
    local pid
    pid=$(cat "$dir/cupsd.pid")
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "cupsd -f -c $dir/cupsd.conf"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$dir/cupsd.pid"
  fi
  [[ -f $dir/queue ]] && rm -f "/etc/cups/cups-pdf-$(cat "$dir/queue").conf"
  echo "cups sandbox stopped"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  env)
    printf 'export CUPS_SERVER=%q\n' "$dir/cups.sock"
    printf 'export CUPS_SANDBOX_PDF=%q\n' "$dir/pdf"
    ;;
  *) usage ;;
esac
