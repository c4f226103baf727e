#!/usr/bin/env bash
# Runs every scripts/bench/*.sh against a built tokenburner and prints one table.
# Usage: scripts/bench.sh [path/to/tokenburner]
# Each row script prints tab-separated rows: figure, tokenburner, peer, ratio (the ratio may
# be empty). Lines that do not have four fields are passed through to stderr as notes.
# The rows are also written as JSON to .build/bench/results.json.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="$(cd "$(dirname "${1:-$root/.build/release/tokenburner}")" && pwd)/$(basename "${1:-tokenburner}")"
[[ -x "$bin" ]] || { echo "bench: no tokenburner binary at $bin" >&2; exit 1; }
export TOKENBURNER_BIN="$bin"
out_dir="$root/.build/bench"
mkdir -p "$out_dir"
rows="$out_dir/rows.tsv"
: >"$rows"
failed=0
for script in "$here"/bench/*.sh; do
  name="$(basename "$script" .sh)"
  echo "bench: running $name" >&2
  if ! bash "$script" | while IFS= read -r line; do
    if [[ $(awk -F'\t' '{print NF}' <<<"$line") -eq 4 ]]; then
      printf '%s\t%s\n' "$name" "$line" >>"$rows"
    else
      echo "  $name: $line" >&2
    fi
  done; then
    echo "bench: $name failed" >&2
    failed=$((failed + 1))
  fi
done

# The table: widths from the data.
{
  printf 'figure\ttokenburner\tpeer\tratio\n'
  cut -f2- "$rows"
} | awk -F'\t' '
  { for (i = 1; i <= 4; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } }
  END {
    for (r = 1; r <= NR; r++) {
      printf "%-*s  %*s  %*s  %*s\n", width[1], cell[r, 1], width[2], cell[r, 2],
        width[3], cell[r, 3], width[4], cell[r, 4]
      if (r == 1) {
        line = ""
        for (i = 1; i <= 4; i++) { s = sprintf("%*s", width[i], ""); gsub(/ /, "-", s); line = line s (i < 4 ? "  " : "") }
        print line
      }
    }
  }'

jq -R -s --arg binary "$bin" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" '
  { date: $date, binary: $binary,
    rows: [split("\n")[] | select(length > 0) | split("\t")
      | { suite: .[0], figure: .[1], tokenburner: .[2], peer: .[3], ratio: .[4] }] }' \
  "$rows" >"$out_dir/results.json"
echo "bench: results in ${out_dir#"$root"/}/results.json" >&2
[[ $failed -eq 0 ]]
