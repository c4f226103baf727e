#!/usr/bin/env bash
# The style check of `make test`: `swift format lint --strict` (the toolchain's swift-format)
# with the checked-in .swift-format over the manifest, Sources and Tests. Any finding fails.
# `swift format format -i -r Sources Tests Package.swift` fixes most of them.
#
# Usage: scripts/check-format.sh [ROOT]   (ROOT: the package directory, default: this one)
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
cd "$root"
[[ -f .swift-format ]] || { echo "check-format: no .swift-format in $root" >&2; exit 1; }
if ! out=$(swift format lint --strict --parallel --configuration .swift-format -r Sources Tests Package.swift 2>&1); then
  printf '%s\n' "$out"
  echo "check-format: swift format lint found the lines above (swift format format -i -r Sources Tests Package.swift fixes most)" >&2
  exit 1
fi
echo "check-format: swift format lint --strict is clean"
