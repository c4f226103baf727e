#!/usr/bin/env bash
# The process hardens itself at start-up: the kernel's view of a running tokenburner (waiting
# for a secret on standard input) shows a core limit of 0 and a non-dumpable process (its /proc
# files belong to root although it runs as nobody), and a crash signal ends it with one fixed
# line and exit 70 instead of the runtime's backtrace with registers and the memory they point at.
source "$(dirname "$0")/lib.bash"
make_scratch

# wait_for_proc PID: until process PID is tokenburner (not the shell that forks it) and waits
# in read(2) on its standard input, so its start-up has run.
wait_for_proc() {
  for _ in $(seq 200); do
    if [[ $(cat "/proc/$1/comm" 2>/dev/null) == tokenburner* ]] &&
      grep -q "^State:.*S (sleeping)" "/proc/$1/status" 2>/dev/null &&
      [[ $(cat "/proc/$1/wchan" 2>/dev/null) == *pipe* ]]; then
      return 0
    fi
    sleep 0.05
  done
  fail "tokenburner did not start waiting on standard input as process $1 ($(cat "/proc/$1/wchan" 2>/dev/null))"
}

# As root: RLIMIT_CORE 0, soft and hard.
mkfifo "$SCRATCH/stdin"
"$TOKENBURNER_BIN" code --secret-stdin <"$SCRATCH/stdin" >"$SCRATCH/code.out" 2>"$SCRATCH/code.err" &
pid=$!
exec 7>"$SCRATCH/stdin"
wait_for_proc "$pid"
limits=$(grep "^Max core file size" "/proc/$pid/limits")
[[ $limits =~ ^Max\ core\ file\ size\ +0\ +0\ +bytes ]] || fail "core limit not 0: $limits"

# A crash signal: one line, exit 70, nothing of memory, no backtrace.
kill -SEGV "$pid"
wait "$pid"; status=$?
exec 7>&-
expect_eq 70 "$status" "exit status after SIGSEGV"
expect_eq 1 "$(wc -l <"$SCRATCH/code.err")" "lines on stderr after the crash"
grep -q "tokenburner: internal error: the program crashed" "$SCRATCH/code.err" || fail "no crash line: $(cat "$SCRATCH/code.err")"
grep -qE "Registers|Backtrac|0x[0-9a-f]{8}|Thread 0|Program crashed" "$SCRATCH/code.err" && fail "crash output shows the runtime's report"
for signal in BUS ILL TRAP FPE ABRT; do
  "$TOKENBURNER_BIN" code --secret-stdin <"$SCRATCH/stdin" 2>"$SCRATCH/crash-$signal.err" &
  pid=$!
  exec 7>"$SCRATCH/stdin"
  wait_for_proc "$pid"
  kill "-$signal" "$pid"; wait "$pid"; status=$?
  exec 7>&-
  expect_eq 70 "$status" "exit status after SIG$signal"
  grep -qE "Registers|Backtrac|0x[0-9a-f]{8}" "$SCRATCH/crash-$signal.err" && fail "SIG$signal shows the runtime's report"
done

# As nobody: /proc/PID files of a non-dumpable process are owned by root, not by its user.
if [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null; then
  dir=$(mktemp -d /tmp/tokenburner-nobody.XXXXXX); chmod 755 "$dir"
  ln -f "$TOKENBURNER_BIN" "$dir/tokenburner" 2>/dev/null || cp "$TOKENBURNER_BIN" "$dir/tokenburner"
  mkfifo -m 666 "$dir/stdin"
  # `sleep` as nobody first shows what an ordinary process of that user looks like.
  runuser -u nobody -- sleep 30 &
  sleeper=""
  for _ in $(seq 200); do sleeper=$(pgrep -u nobody -x sleep | head -n 1); [[ -n $sleeper ]] && break; sleep 0.05; done
  [[ -n $sleeper ]] || fail "sleep did not start as nobody"
  expect_eq nobody "$(stat -c %U "/proc/$sleeper/environ")" "owner of an ordinary nobody process's environ"
  kill "$sleeper" 2>/dev/null
  wait 2>/dev/null
  runuser -u nobody -- "$dir/tokenburner" code --secret-stdin <"$dir/stdin" >/dev/null 2>&1 &
  exec 7>"$dir/stdin"
  child=""
  for _ in $(seq 100); do child=$(pgrep -u nobody -x tokenburner | head -n 1); [[ -n $child ]] && break; sleep 0.05; done
  [[ -n $child ]] || fail "tokenburner did not start as nobody"
  wait_for_proc "$child"
  expect_eq nobody "$(ps -o user= -p "$child" | tr -d ' ')" "tokenburner runs as nobody"
  expect_eq root "$(stat -c %U "/proc/$child/environ")" "owner of the non-dumpable process's environ"
  grep -q "^Max core file size *0 *0" "/proc/$child/limits" || fail "core limit not 0 as nobody"
  exec 7>&-
  wait 2>/dev/null
  # Locking is best effort: with no lockable memory at all (RLIMIT_MEMLOCK 0) a secret is still
  # read and its code is oathtool's.
  hex=$(random_hex 20)
  printf '0x%s\n' "$hex" >"$dir/secret"; chmod 644 "$dir/secret"
  code=$(runuser -u nobody -- prlimit --memlock=0:0 "$dir/tokenburner" code --secret-file "$dir/secret" --at 1700000000 --json) ||
    fail "code with RLIMIT_MEMLOCK 0 exited $?"
  expect_eq "$(oath_code "$hex" sha1 30 1700000000)" "$(jq -r .code <<<"$code")" "the code with no lockable memory"
  rm -rf "$dir"
  echo "  as nobody: not dumpable (its /proc files are root's), core limit 0; works with RLIMIT_MEMLOCK 0"
fi
echo "  core limit 0; SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT: one line, exit 70, no registers or memory"
