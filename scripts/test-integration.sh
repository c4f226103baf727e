#!/usr/bin/env bash
# Integration layer: runs the built tokenburner binary as a separate process against real
# tools (oathtool, and later pcscd + vpcd + the simulator). Prints "N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "${1:-.build/debug/tokenburner}")" && pwd)/$(basename "${1:-tokenburner}")"
export TOKENBURNER_BIN="$bin"
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
echo "integration: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
