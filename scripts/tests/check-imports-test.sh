#!/usr/bin/env bash
# Proves that scripts/check-imports.sh can fail: on a copy of the package's docs and
# Sources it passes, then fails for a forbidden import (in each spelling the check must
# catch) and for a target missing from the document, naming the file and the module.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
check="$here/check-imports.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-imports-test: FAILED: $*" >&2; exit 1; }

fresh_copy() {
  rm -rf "$work/pkg"
  mkdir -p "$work/pkg/docs"
  cp "$root/docs/architecture.md" "$work/pkg/docs/"
  cp -r "$root/Sources" "$work/pkg/"
}

fresh_copy
"$check" "$work/pkg" >/dev/null || fail "the unchanged package does not pass"

# A pure target reaching for a driver, written four ways.
for spelling in 'import PCSC' '@preconcurrency import PCSC' 'internal import PCSC' \
  'import struct PCSC.PCSCContext'; do
  fresh_copy
  printf '%s\n' "$spelling" >"$work/pkg/Sources/OTP/Forbidden.swift"
  if out=$("$check" "$work/pkg" 2>&1); then fail "'$spelling' in OTP was allowed"; fi
  [[ $out == *"Sources/OTP/Forbidden.swift:1: OTP may not import PCSC"* ]] ||
    fail "'$spelling': the message does not name the file and module: $out"
done

# Foundation must be declared, too.
fresh_copy
echo 'import Foundation' >"$work/pkg/Sources/SmartCard/Clocked.swift"
if "$check" "$work/pkg" >/dev/null 2>&1; then fail "Foundation in SmartCard was allowed"; fi

# A new target nobody declared.
fresh_copy
mkdir -p "$work/pkg/Sources/Newcomer"
echo 'import OTP' >"$work/pkg/Sources/Newcomer/A.swift"
if out=$("$check" "$work/pkg" 2>&1); then fail "an undeclared target was allowed"; fi
[[ $out == *"Sources/Newcomer: not listed"* ]] || fail "undeclared target message: $out"

# A platform module is fine anywhere.
fresh_copy
echo 'import Glibc' >"$work/pkg/Sources/OTP/Platform.swift"
"$check" "$work/pkg" >/dev/null || fail "Glibc in OTP was refused"
echo "check-imports-test: the check passes a clean tree and fails each forbidden import"
