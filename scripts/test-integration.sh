#!/usr/bin/env bash
# Integration layer: runs the built tokenburner binary as a separate process against real
# tools (oathtool, and later pcscd + vpcd + the simulator). Prints "N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "${1:-.build/debug/tokenburner}")" && pwd)/$(basename "${1:-tokenburner}")"
export TOKENBURNER_BIN="$bin"
# One directory for the whole run: each suite keeps its outputs, logs and transcripts there and
# lists the secrets it made (lib.bash); zz-leak-check.sh, which sorts last, searches it all.
# Removed after a clean run, kept for inspection after a failure. 0711: decode-images.sh
# lets an unprivileged user try a file in its own directory.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-run.XXXXXX") || exit 1
chmod 711 "$run_dir"
export TOKENBURNER_IT_RUN_DIR="$run_dir"
# The operator's own data directory must come out of the run exactly as it went in.
real_data="${XDG_DATA_HOME:-$HOME/.local/share}/tokenburner"
data_state() { find "$real_data" -printf '%p %s %T@ %m\n' 2>/dev/null | sort; }
data_before=$(data_state)
passed=0
failed=0
for suite in "$here"/integration/*.sh; do
  name="$(basename "$suite" .sh)"
  if bash "$suite"; then
    echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name"; failed=$((failed + 1))
  fi
done
if [[ $(data_state) != "$data_before" ]]; then
  echo "FAIL real-data-untouched: the run changed $real_data"; failed=$((failed + 1))
else
  echo "PASS real-data-untouched"; passed=$((passed + 1))
fi
if [[ $failed -eq 0 ]]; then rm -rf "$run_dir"; else echo "run directory kept: $run_dir"; fi
echo "integration: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
