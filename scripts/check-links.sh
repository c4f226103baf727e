#!/usr/bin/env bash
# The link check of `make checks`: no target named in the "What may not be linked" block of
# docs/architecture.md may reach, through Package.swift's target dependencies (direct or
# not), a target that its line forbids. The import check sees only `import` lines; this one
# sees what the linker is handed, so a dependency added to the manifest without an import
# (or through a target in between) is caught too.
#
# Usage: scripts/check-links.sh [ROOT [DESCRIBE_JSON]]
#   ROOT: the package directory (default: this one); DESCRIBE_JSON: the output of
#   `swift package describe --type json` to check instead of asking swift (for the test).
# Exit 0 when no rule is broken, 1 with one line per broken rule (and the path) otherwise.
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)"}
doc="$root/docs/architecture.md"
[[ -f $doc ]] || { echo "check-links: $doc not found" >&2; exit 1; }
if [[ -n ${2:-} ]]; then
  describe=$(cat "$2")
else
  describe=$(cd "$root" && swift package describe --type json 2>/dev/null) ||
    { echo "check-links: swift package describe failed in $root" >&2; exit 1; }
fi

# target -> its direct target dependencies, one "name dep dep ..." line per target.
declare -A deps=()
while read -r name rest; do
  deps[$name]=" $rest "
done < <(jq -r '.targets[] | "\(.name) \((.target_dependencies // []) | join(" "))"' \
  <<<"$describe")
[[ ${#deps[@]} -gt 0 ]] || { echo "check-links: no targets in the package description" >&2; exit 1; }

# The block: a fenced code block opened with ```links, one "Target: Forbidden ..." per line.
declare -A rules=()
in_block=0
while IFS= read -r line; do
  if [[ $in_block -eq 0 ]]; then
    [[ $line == '```links' ]] && in_block=1
    continue
  fi
  [[ $line == '```' ]] && break
  [[ $line =~ ^([A-Za-z0-9_-]+):(.*)$ ]] || continue
  rules[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
done <"$doc"
[[ ${#rules[@]} -gt 0 ]] || { echo "check-links: no \`\`\`links block in $doc" >&2; exit 1; }

problems=0
for target in "${!rules[@]}"; do
  if [[ -z ${deps[$target]+set} ]]; then
    echo "check-links: $target (docs/architecture.md) is not a target of Package.swift"
    problems=$((problems + 1))
    continue
  fi
  # Breadth-first over the dependencies, remembering how each target was reached.
  declare -A via=([$target]="")
  queue=("$target")
  while [[ ${#queue[@]} -gt 0 ]]; do
    current=${queue[0]}
    queue=("${queue[@]:1}")
    for next in ${deps[$current]:-}; do
      [[ -n ${via[$next]+set} ]] && continue
      via[$next]=$current
      queue+=("$next")
    done
  done
  for forbidden in ${rules[$target]}; do
    [[ -n ${via[$forbidden]+set} ]] || continue
    path=$forbidden
    step=$forbidden
    while [[ -n ${via[$step]} ]]; do
      step=${via[$step]}
      path="$step -> $path"
    done
    echo "Package.swift: $target may not link $forbidden, but reaches it: $path (docs/architecture.md)"
    problems=$((problems + 1))
  done
  unset via
done
if [[ $problems -gt 0 ]]; then
  echo "check-links: $problems rule(s) broken" >&2
  exit 1
fi
echo "check-links: no target links what it may not (${#rules[@]} rules)"
