#!/usr/bin/env bash
# Runs COMMAND with one privacyIDEA 3.14 test server up (scripts/privacyidea-sandbox.sh), and
# stops the server afterwards whatever COMMAND did. The suites find it through
# PRIVACYIDEA_SANDBOX_DIR. Usage: scripts/with-privacyidea.sh COMMAND [ARG]...
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-privacyidea.XXXXXX") || exit 1
trap '"$here/privacyidea-sandbox.sh" stop "$dir"; rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
if ! "$here/privacyidea-sandbox.sh" start "$dir/server"; then
  echo "privacyIDEA test server did not start (see $dir/server)" >&2
  trap - EXIT
  "$here/privacyidea-sandbox.sh" stop "$dir/server"
  exit 1
fi
trap '"$here/privacyidea-sandbox.sh" stop "$dir/server"; rm -rf "$dir"' EXIT
export PRIVACYIDEA_SANDBOX_DIR="$dir/server"
"$@"
