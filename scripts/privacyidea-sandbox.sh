#!/usr/bin/env bash
# A private privacyIDEA 3.14 server for the tests: SQLite in DIR, 127.0.0.1 on a free port.
# Usage: scripts/privacyidea-sandbox.sh start DIR | stop DIR | env DIR
#   start  configures a new server in DIR (0700) and runs it until `stop`: an internal
#          resolver `users` with alice and bob, the default realm `helpdesk`, an admin whose
#          random password is DIR/admin-password, and DIR/api-key, a long-lived admin token
#          for the tool (both 0600). Prints nothing on success.
#   env    prints PRIVACYIDEA_URL=..., PRIVACYIDEA_DIR=... lines for `eval`.
#   stop   ends the server started in DIR (its process group) and waits for it.
# Needs .venv/privacyidea (scripts/install-deps.sh test). Details: docs/privacyidea.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/../.venv/privacyidea"
# shellcheck source=private-dir.sh
source "$here/private-dir.sh"

usage() { echo "usage: $0 start DIR | stop DIR | env DIR" >&2; exit 64; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2

pi_manage() {
  PRIVACYIDEA_CONFIGFILE="$dir/pi.cfg" "$venv/bin/pi-manage" "$@" >>"$dir/setup.log" 2>&1
}

# A free port: bind port 0 on loopback, read what the kernel chose, release it.
free_port() {
  "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

random_text() { head -c 32 /dev/urandom | xxd -p -c 64; }

answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz/" 2>/dev/null; }

start() {
  [[ -x $venv/bin/pi-manage ]] || { echo "no $venv: run scripts/install-deps.sh test" >&2; exit 69; }
  mkdir -p -m 700 "$dir"
  private_dir_check "$dir" || exit 1
  [[ ! -e $dir/pid ]] || { echo "a server was already started in $dir" >&2; exit 1; }
  local port secret pepper password
  port=$(free_port)
  secret=$(random_text) pepper=$(random_text) password=$(random_text)
  (
    umask 077
    cat >"$dir/pi.cfg" <<EOF
SQLALCHEMY_DATABASE_URI = 'sqlite:///$dir/privacyidea.sqlite'
SECRET_KEY = '$secret'
PI_PEPPER = '$pepper'
PI_ENCFILE = '$dir/enckey'
PI_AUDIT_KEY_PRIVATE = '$dir/audit-private.pem'
PI_AUDIT_KEY_PUBLIC = '$dir/audit-public.pem'
SUPERUSER_REALM = ['super']
PI_LOGFILE = '$dir/privacyidea.log'
PI_LOGLEVEL = 20
EOF
    printf '%s' "$password" >"$dir/admin-password"
  )
  pi_manage setup create_enckey
  pi_manage setup create_audit_keys
  pi_manage setup create_tables
  # pi-manage reads a missing -p as a hidden prompt with confirmation: the password goes in on
  # stdin, never on the command line.
  printf '%s\n%s\n' "$password" "$password" | pi_manage admin add admin
  pi_manage config resolver create_internal users
  pi_manage config realm create helpdesk users
  pi_manage config realm set_default helpdesk
  # 3.14's X-API-Key clients identify a caller to /validate only; the admin endpoints take a
  # PI-Authorization token, which `api createtoken` issues for a year.
  (
    umask 077
    PRIVACYIDEA_CONFIGFILE="$dir/pi.cfg" "$venv/bin/pi-manage" api createtoken -r admin -u tokenburner \
      2>>"$dir/setup.log" | sed -n 's/^Auth-Token: *//p' | tr -d '\n' >"$dir/api-key"
  )
  [[ -s $dir/api-key ]] || { echo "no API token (see $dir/setup.log)" >&2; exit 1; }
  # For curl's -H @FILE: the token stays off every command line.
  (umask 077; printf 'PI-Authorization: %s\n' "$(cat "$dir/api-key")" >"$dir/auth-header")
  echo "$port" >"$dir/port"
  # Its own process group, so `stop` ends the server and whatever it started.
  PRIVACYIDEA_CONFIGFILE="$dir/pi.cfg" setsid "$venv/bin/pi-manage" run -h 127.0.0.1 -p "$port" \
    >>"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  local waited=0
  until answers "$port"; do
    sleep 0.2
    waited=$((waited + 1))
    if ((waited > 300)) || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "privacyIDEA did not answer on 127.0.0.1:$port (see $dir/server.log)" >&2
      stop
      exit 1
    fi
  done
  local user
  for user in alice bob; do
    curl -s --fail-with-body -o /dev/null -H @"$dir/auth-header" \
      --data-urlencode "user=$user" --data-urlencode "resolver=users" \
      "http://127.0.0.1:$port/user/" ||
      { echo "could not add the user $user" >&2; stop; exit 1; }
  done
}

stop() {
  [[ -f $dir/pid ]] || return 0
  local pid
  pid=$(cat "$dir/pid")
  kill -- "-$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$dir/pid"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  env)
    [[ -f $dir/port ]] || { echo "no server configured in $dir" >&2; exit 1; }
    echo "PRIVACYIDEA_URL=http://127.0.0.1:$(cat "$dir/port")"
    echo "PRIVACYIDEA_DIR=$dir"
    ;;
  *) usage ;;
esac
