#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer (and AddressSanitizer) in a scratch path of their
# own and runs each for FUZZ_SECONDS (default 300), one after another.
# Usage: scripts/fuzz.sh [TARGET...]   (default: every target)
# Environment: FUZZ_SECONDS, FUZZ_SANITIZERS (default fuzzer,address), FUZZ_JOBS (parallel
# fuzzing processes per target, default 1).
# Crash inputs land in .build-fuzz/crashes/; the corpus grows in .build-fuzz/corpus/ and is kept
# between runs. A crash fails the run; fix it, then add the input to
# Tests/FuzzTargetTests/FuzzRegressionTests.swift.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds=${FUZZ_SECONDS:-300}
scratch=.build-fuzz
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(otpauth migration base32 apdu image yubikey)

# lld links the libFuzzer runtime next to the package's own main (the default gold linker
# fails on the duplicate main that libFuzzer's archive brings).
swift build -c release --scratch-path "$scratch" --product tokenburner-fuzz \
  -Xswiftc -sanitize="${FUZZ_SANITIZERS:-fuzzer,address}" -Xswiftc -DFUZZING \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld || exit 1
bin="$scratch/release/tokenburner-fuzz"

seeds="$scratch/seeds"
rm -rf "$seeds"
scripts/fuzz/seeds.sh "$seeds" || exit 1
mkdir -p "$scratch/crashes" "$scratch/logs"

declare -A max_len=([otpauth]=4096 [migration]=4096 [base32]=4096 [apdu]=2048 [image]=65536 [yubikey]=2048)
failed=0
for target in "${targets[@]}"; do
  [[ -n ${max_len[$target]:-} ]] || { echo "fuzz: unknown target $target" >&2; exit 64; }
  corpus="$scratch/corpus/$target"
  mkdir -p "$corpus"
  log="$scratch/logs/$target.log"
  echo "fuzz: $target for ${seconds} s (log: $log)"
  started=$SECONDS
  SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$bin" \
    -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$scratch/crashes/$target-" \
    "$corpus" "$seeds/$target" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [[ $status -eq 0 ]]; then
    echo "fuzz: $target: $((SECONDS - started)) s, ${runs:-?} inputs, ${cov:-cov: ?}, no crash"
  else
    failed=$((failed + 1))
    echo "fuzz: $target: CRASH after $((SECONDS - started)) s (exit $status):"
    grep -E 'Fatal error|ERROR: |SUMMARY|Test unit written|Precondition failed' "$log" | head -8
  fi
done
[[ $failed -eq 0 ]]
