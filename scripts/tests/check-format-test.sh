#!/usr/bin/env bash
# Proves that scripts/check-format.sh can fail: on a copy of the package it passes, then fails
# for a badly indented file and for a line over the configured length, naming the file.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
check="$here/check-format.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-format-test: FAILED: $*" >&2; exit 1; }

fresh_copy() {
  rm -rf "$work/pkg"
  mkdir -p "$work/pkg"
  cp -r "$root/Sources" "$root/Tests" "$root/Package.swift" "$root/.swift-format" "$work/pkg/"
}

fresh_copy
"$check" "$work/pkg" >/dev/null 2>&1 || fail "the unchanged package does not pass"

fresh_copy
printf 'func misindented() {\n      let x = 1\n  _ = x\n}\n' >"$work/pkg/Sources/OTP/Misindented.swift"
if out=$("$check" "$work/pkg" 2>&1); then fail "a misindented file passed"; fi
[[ $out == *"Sources/OTP/Misindented.swift"* ]] || fail "the finding does not name the file: $out"

fresh_copy
printf 'let longLine = "%s"\n' "$(printf 'x%.0s' $(seq 120))" >"$work/pkg/Sources/OTP/LongLine.swift"
if out=$("$check" "$work/pkg" 2>&1); then fail "a 140-column line passed"; fi
[[ $out == *"LongLine.swift"* ]] || fail "the finding does not name the file: $out"
echo "check-format-test: the lint passes a clean tree and fails a misindented file and a long line"
