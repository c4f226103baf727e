#!/usr/bin/env bash
# The import check of `make test`: every `import` in Sources/TARGET/ must be one that the
# "Who may import whom" block of docs/architecture.md allows for TARGET, and every target
# under Sources/ must be listed there. Platform modules (Glibc, Musl, Darwin, Dispatch,
# Synchronization) are allowed everywhere; Foundation and its parts must be listed.
#
# Usage: scripts/check-imports.sh [ROOT]   (ROOT: the package directory, default: this one)
# Exit 0 when every import is allowed, 1 with one line per offending import otherwise.
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
doc="$root/docs/architecture.md"
[[ -f $doc ]] || { echo "check-imports: $doc not found" >&2; exit 1; }

# The block: a fenced code block opened with ```imports, one "Target: A B C" line per target.
declare -A allowed=()
in_block=0
while IFS= read -r line; do
  if [[ $in_block -eq 0 ]]; then
    [[ $line == '```imports' ]] && in_block=1
    continue
  fi
  [[ $line == '```' ]] && break
  [[ $line =~ ^([A-Za-z0-9_-]+):(.*)$ ]] || continue
  allowed[${BASH_REMATCH[1]}]=" ${BASH_REMATCH[2]} "
done <"$doc"
[[ ${#allowed[@]} -gt 0 ]] || { echo "check-imports: no \`\`\`imports block in $doc" >&2; exit 1; }

platform=" Glibc Musl Darwin Dispatch Synchronization "
problems=0
for dir in "$root"/Sources/*/; do
  target=$(basename "$dir")
  if [[ -z ${allowed[$target]+set} ]]; then
    echo "Sources/$target: not listed in the imports block of docs/architecture.md"
    problems=$((problems + 1))
    continue
  fi
  # file:line:module for every import declaration (attributes, access levels and
  # `import struct M.T` forms included).
  while IFS=: read -r file lineno module; do
    [[ $platform == *" $module "* || ${allowed[$target]} == *" $module "* ]] && continue
    echo "${file#"$root"/}:$lineno: $target may not import $module (docs/architecture.md)"
    problems=$((problems + 1))
  done < <(grep -rnoE --include='*.swift' \
    '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+((struct|class|enum|protocol|typealias|func|var|let)[[:space:]]+)?[A-Za-z_][A-Za-z0-9_]*' \
    "$dir" | sed -E 's/^([^:]+):([0-9]+):.*import[[:space:]]+((struct|class|enum|protocol|typealias|func|var|let)[[:space:]]+)?/\1:\2:/')
done
if [[ $problems -gt 0 ]]; then
  echo "check-imports: $problems import(s) not allowed" >&2
  exit 1
fi
echo "check-imports: every import is allowed (${#allowed[@]} targets)"
