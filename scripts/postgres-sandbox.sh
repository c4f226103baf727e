#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests and demos.
# Usage: scripts/postgres-sandbox.sh start DIR | stop DIR | url DIR | env DIR
#
# start: initdb in DIR/data as an unprivileged system user (tokenburner-pg, created once when
#   we run as root: initdb refuses root), scram-sha-256 for every connection, an admin role
#   (tokenburner_admin) whose password is only in DIR/client/admin.pgpass (0600, PGPASSFILE
#   format: never on argv), a self-signed CA and a server certificate for localhost and
#   127.0.0.1 (DIR/client/ca.crt; DIR/client/wrong-ca.crt is a second CA that did not sign it,
#   for the verification failure case), and the server on a free port of 127.0.0.1 with its
#   socket in DIR/run. DIR must not exist yet or be this user's private directory (0711: the
#   server's user goes through it to reach its own data, run and log directories).
# stop: stops the server and removes DIR.
# url: the admin's connection URI (no password in it).
# env: shell assignments for TOKENBURNER_TEST_POSTGRES_URL, PGPASSFILE and
#   TOKENBURNER_TEST_POSTGRES_DIR (where the CA files are).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=private-dir.sh
source "$here/private-dir.sh"

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=tokenburner-pg
ADMIN_ROLE=tokenburner_admin

usage() { echo "usage: $0 start DIR | stop DIR | url DIR | env DIR" >&2; exit 64; }
[[ $# -eq 2 ]] || usage
command=$1 dir=$2

# as_server CMD...: runs CMD as the cluster's owner (the unprivileged user when we are root).
as_server() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

# Creates the server's system user once; an existing one is reused, never changed.
ensure_server_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  id -u "$PG_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
}

# server_dir NAME: DIR/NAME, owned by the server's user, 0700.
server_dir() {
  mkdir -m 700 -- "$dir/$1"
  [[ $(id -u) -ne 0 ]] || chown "$PG_USER:" -- "$dir/$1"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

make_certificates() {
  local c=$dir/client tmp=$dir/client/tmp
  mkdir -m 700 "$tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=tokenburner test CA" \
    -keyout "$tmp/ca.key" -out "$c/ca.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=tokenburner wrong CA" \
    -keyout "$tmp/wrong-ca.key" -out "$c/wrong-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tmp/san.ext"
  openssl x509 -req -in "$tmp/server.csr" -CA "$c/ca.crt" -CAkey "$tmp/ca.key" \
    -CAcreateserial -days 2 -extfile "$tmp/san.ext" -out "$tmp/server.crt" 2>/dev/null
  install -m 600 "$tmp/server.key" "$dir/data/server.key"
  install -m 644 "$tmp/server.crt" "$dir/data/server.crt"
  [[ $(id -u) -ne 0 ]] || chown "$PG_USER:" "$dir/data/server.key" "$dir/data/server.crt"
  # The CA keys are not needed again: nothing else can be signed by this CA.
  rm -rf "$tmp"
}

start() {
  [[ ! -e $dir/data/PG_VERSION ]] || { echo "a cluster is already in $dir" >&2; exit 1; }
  private_dir_ensure "$dir" 711
  ensure_server_user
  mkdir -m 700 -- "$dir/client"
  server_dir data
  server_dir run
  server_dir log
  local password port
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  # initdb reads the password from a file the server's user can read; it is removed at once.
  server_dir init
  (umask 077 && printf '%s\n' "$password" >"$dir/init/pw")
  [[ $(id -u) -ne 0 ]] || chown "$PG_USER:" "$dir/init/pw"
  as_server "$PG_BIN/initdb" -D "$dir/data" --username="$ADMIN_ROLE" --pwfile="$dir/init/pw" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/log/initdb.log" 2>&1 ||
    { cat "$dir/log/initdb.log" >&2; rm -rf "$dir/init"; exit 1; }
  rm -rf "$dir/init"
  make_certificates
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
password_encryption = 'scram-sha-256'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
max_connections = 200
# A throw-away test cluster: durability is not what it is for.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  printf '%s\n' "local all all scram-sha-256" "host all all 127.0.0.1/32 scram-sha-256" \
    >"$dir/data/pg_hba.conf"
  local tries
  for tries in 1 2 3 4 5; do
    port=$(free_port)
    sed -i '/^port = /d' "$dir/data/postgresql.conf"
    echo "port = $port" >>"$dir/data/postgresql.conf"
    if as_server "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log/postgres.log" -w -t 60 start \
      >/dev/null 2>&1; then
      break
    fi
    [[ $tries -lt 5 ]] || { cat "$dir/log/postgres.log" >&2; exit 1; }
  done
  echo "$port" >"$dir/client/port"
  (umask 077 && printf '%s\n' "127.0.0.1:$port:*:$ADMIN_ROLE:$password" \
    "localhost:$port:*:$ADMIN_ROLE:$password" "$dir/run:$port:*:$ADMIN_ROLE:$password" \
    >"$dir/client/admin.pgpass")
  url
}

url() {
  [[ -s $dir/client/port ]] || { echo "no cluster in $dir" >&2; exit 1; }
  echo "postgresql://$ADMIN_ROLE@127.0.0.1:$(cat "$dir/client/port")/postgres"
}

stop() {
  if [[ -e $dir/data/PG_VERSION ]]; then
    as_server "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf -- "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  env)
    printf 'export TOKENBURNER_TEST_POSTGRES_URL=%q PGPASSFILE=%q TOKENBURNER_TEST_POSTGRES_DIR=%q\n' \
      "$(url)" "$dir/client/admin.pgpass" "$dir"
    ;;
  *) usage ;;
esac
