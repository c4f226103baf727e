#!/usr/bin/env bash
# Runs a command with one private PostgreSQL cluster (scripts/postgres-sandbox.sh) for its whole
# length: TOKENBURNER_TEST_POSTGRES_URL, PGPASSFILE and TOKENBURNER_TEST_POSTGRES_DIR are
# exported to it, and the cluster is stopped and removed when it ends, whatever its status.
# Usage: scripts/with-postgres.sh COMMAND [ARG]...
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=private-dir.sh
source "$here/private-dir.sh"
[[ $# -gt 0 ]] || { echo "usage: $0 COMMAND [ARG]..." >&2; exit 64; }
base=$(private_dir_make tokenburner-pg) || exit 1
chmod 711 "$base"
cluster="$base/cluster"
trap '"$here/postgres-sandbox.sh" stop "$cluster" >/dev/null 2>&1; rm -rf "$base"' EXIT
"$here/postgres-sandbox.sh" start "$cluster" >/dev/null || { echo "with-postgres: the cluster did not start" >&2; exit 69; }
eval "$("$here/postgres-sandbox.sh" env "$cluster")"
"$@"
