#!/usr/bin/env bash
# Proves that scripts/check-links.sh can fail: it passes the package as it is, then fails when
# the package description gives a pure drawing target a way to ncurses or libqrencode
# (directly, through a target in between, or in the screens' test target), when a rule names
# a target the package does not have, and when the document has no rules.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
check="$here/check-links.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-links-test: FAILED: $*" >&2; exit 1; }

(cd "$root" && swift package describe --type json 2>/dev/null) >"$work/clean.json" ||
  fail "swift package describe failed"
"$check" "$root" "$work/clean.json" >/dev/null || fail "the package as it is does not pass"

# adds DEPENDENCY to TARGET's target_dependencies in a copy of the description
with_edge() {
  jq --arg t "$1" --arg d "$2" \
    '(.targets[] | select(.name == $t) | .target_dependencies) += [$d]' "$work/clean.json" \
    >"$work/edited.json"
}

# refused TARGET DEPENDENCY EXPECTED-PATH: the edge must fail the check, naming the path
refused() {
  with_edge "$1" "$2"
  if out=$("$check" "$root" "$work/edited.json" 2>&1); then
    fail "$1 -> $2 was allowed"
  fi
  [[ $out == *"reaches it: $3 "* ]] || fail "$1 -> $2: the message does not give the path: $out"
}

refused Screens Terminal "Screens -> Terminal -> CNCursesW"   # the driver, as before the split
refused Screens QREncoding "Screens -> QREncoding -> CQREncode"
refused Canvas CNCursesW "Canvas -> CNCursesW"
refused Canvas CQREncode "Canvas -> CQREncode"
refused Wizard Terminal "Screens -> Wizard -> Terminal"      # reached through a target between
refused ScreensTests Terminal "ScreensTests -> Terminal"      # the screens' tests need no curses

# A rule for a target that does not exist is a typo, not a pass.
mkdir -p "$work/pkg/docs"
sed 's/^Canvas: /Canvass: /' "$root/docs/architecture.md" >"$work/pkg/docs/architecture.md"
if out=$("$check" "$work/pkg" "$work/clean.json" 2>&1); then fail "a rule for no target passed"; fi
[[ $out == *"Canvass (docs/architecture.md) is not a target"* ]] || fail "unknown target: $out"

# No block, no check.
grep -v '^```links$' "$root/docs/architecture.md" >"$work/pkg/docs/architecture.md"
if "$check" "$work/pkg" "$work/clean.json" >/dev/null 2>&1; then fail "no block passed"; fi
echo "check-links-test: the check passes the package and fails each forbidden link"
