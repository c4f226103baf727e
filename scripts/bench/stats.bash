# Small statistics for the bench row scripts: sourced, not run. Values come one per line on
# standard input.
now_ns() { date +%s%N; }
# The median (the mean of the middle two for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The 95th percentile, nearest rank.
p95() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; r = int(0.95 * NR + 0.999999); print v[r < 1 ? 1 : r] }'; }
# a / b with two decimals, empty when b is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }
# Nanoseconds to milliseconds with one decimal.
ns_to_ms() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1e6 }'; }
# Wall time of one run of a command in nanoseconds (its output discarded).
time_ns() { local start; start=$(now_ns); "$@" >/dev/null 2>&1; echo $(( $(now_ns) - start )); }
