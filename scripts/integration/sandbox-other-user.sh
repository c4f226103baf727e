#!/usr/bin/env bash
# Private sandboxes against another local user (tokenburner-it-other, created once): a directory
# that user prepared, with links to a file of ours, in a shared sticky directory like /tmp, is
# refused by scripts/pcscd-sandbox.sh (owned by someone else, a link, a parent they own, not
# 0700), so no pcscd is started on it and nothing is written through the links; the demo of
# `make run` (scripts/run.sh, with TOKENBURNER_RUN_DEMO=1 and `--version`) ignores the name the
# demo used to have and a shared XDG_RUNTIME_DIR, runs in a fresh private directory and removes it.
source "$(dirname "$0")/lib.bash"
make_scratch
ensure_other_user
make_shared_dir
here="$(cd "$(dirname "$0")/.." && pwd)"
sandbox="$here/pcscd-sandbox.sh"
trap '"$sandbox" stop "$SCRATCH/pcscd-ok" >/dev/null 2>&1; remove_shared_dir; remove_scratch' EXIT

victim="$SCRATCH/victim.txt"
echo "this user's file" >"$victim"
victim_sum=$(sha256sum <"$victim")
port=$(( 44000 + RANDOM % 2000 * 2 ))

# listing DIR: what is in DIR (names, kinds, owners, link targets), to show nothing changed.
listing() { find "$1" -printf '%P %y %u %m %l\n' | sort; }
# No pcscd runs on a reader.conf under $1.
no_pcscd_on() {
  local pid
  for pid in $(pgrep -x pcscd); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$1/" && return 1
  done
  return 0
}
# refused WHAT DIR EXPECTED-TEXT: the sandbox start on DIR fails naming the reason, starts no
# pcscd there, leaves DIR as it was and writes nothing into the victim file.
refused() {
  local what=$1 dir=$2 text=$3 before out
  before=$(listing "$SHARED")
  out=$("$sandbox" start "$dir" "$port" 2>&1) && fail "$what: the sandbox started ($out)"
  [[ $out == *"$text"* ]] || fail "$what: expected the refusal to say '$text', got: $out"
  no_pcscd_on "$dir" || fail "$what: a pcscd runs on $dir"
  expect_eq "$before" "$(listing "$SHARED")" "$what: the shared directory after the refusal"
  expect_eq "$victim_sum" "$(sha256sum <"$victim")" "$what: the file the links point at"
  "$sandbox" stop "$dir" >/dev/null 2>&1
  expect_eq "$before" "$(listing "$SHARED")" "$what: the shared directory after stop"
}

echo "a sandbox directory another user made, links inside to our file"
as_other sh -c 'd=$1/pcscd; v=$2; mkdir -m 777 "$d" "$d/drivers" && for f in reader.conf pcscd.log port pcscd.pid; do ln -s "$v" "$d/$f"; done' sh "$SHARED" "$victim" ||
  fail "the other user could not prepare its directory"
refused "another user's directory" "$SHARED/pcscd" "owned by $OTHER_USER (uid $OTHER_UID)"

echo "the same, private (0700) to the other user"
as_other mkdir -m 700 "$SHARED/pcscd-private" || fail "mkdir as the other user"
refused "another user's 0700 directory" "$SHARED/pcscd-private" "owned by $OTHER_USER"

echo "a link planted where the sandbox directory would be"
mkdir -m 700 "$SCRATCH/ours"
as_other ln -s "$SCRATCH/ours" "$SHARED/pcscd-link" || fail "ln as the other user"
refused "a link at DIR" "$SHARED/pcscd-link" "is a symbolic link"
[[ -z $(ls -A "$SCRATCH/ours") ]] || fail "the sandbox wrote through the link into $SCRATCH/ours"

echo "a new directory inside one the other user owns"
as_other mkdir -m 755 "$SHARED/theirs" || fail "mkdir as the other user"
refused "a parent another user owns" "$SHARED/theirs/pcscd" "owned by $OTHER_USER"
[[ ! -e $SHARED/theirs/pcscd ]] || fail "the sandbox created a directory inside the other user's"

echo "our own directory with mode 0755"
mkdir -m 755 "$SCRATCH/open"
refused "mode 755" "$SCRATCH/open" "has mode 755, not 700"

echo "our own directory: made 0700, started, restarted over the old files"
"$sandbox" start "$SCRATCH/pcscd-ok" "$port" >/dev/null || fail "the sandbox did not start in a private directory"
expect_eq "700 $(id -u)" "$(stat -c '%a %u' "$SCRATCH/pcscd-ok")" "mode and owner of the directory it made"
eval "$("$sandbox" env "$SCRATCH/pcscd-ok")"
tb readers --json | jq -e '.readers[] | select(.name == "Virtual PCD 00 00")' >/dev/null ||
  fail "no vpcd reader in the private sandbox"
"$sandbox" stop "$SCRATCH/pcscd-ok" >/dev/null
"$sandbox" start "$SCRATCH/pcscd-ok" "$port" >/dev/null || fail "the sandbox did not start again over its own files"
"$sandbox" stop "$SCRATCH/pcscd-ok" >/dev/null

echo "make run's demo: the old predictable name prepared, XDG_RUNTIME_DIR shared"
# The demo used to run in \$XDG_RUNTIME_DIR (or /tmp)/tokenburner-demo-UID. Here XDG_RUNTIME_DIR is
# the shared sticky directory, so that name is one the other user could take first.
demo_old="$SHARED/tokenburner-demo-$(id -u)"
as_other sh -c 'd=$1; v=$2; mkdir -m 777 "$d" "$d/drivers" "$d/run" && for f in reader.conf pcscd.log simulator.log registry.sqlite port; do ln -s "$v" "$d/$f"; done' sh "$demo_old" "$victim" ||
  fail "the other user could not prepare the demo directory"
mkdir -m 700 "$SCRATCH/tmp"
before=$(listing "$SHARED")
out=$(env XDG_RUNTIME_DIR="$SHARED" TMPDIR="$SCRATCH/tmp" TOKENBURNER_RUN_DEMO=1 TOKENBURNER_BIN="$TOKENBURNER_BIN" \
  bash "$here/run.sh" --version 2>"$SCRATCH/run.err") || fail "run.sh --version failed: $(cat "$SCRATCH/run.err")"
expect_eq "$("$TOKENBURNER_BIN" --version)" "$out" "what run.sh ran"
grep -q "DEMO: no NFC reader" "$SCRATCH/run.err" || fail "run.sh did not run the demo: $(cat "$SCRATCH/run.err")"
grep -qF "demo registry $SCRATCH/tmp/tokenburner-demo." "$SCRATCH/run.err" ||
  fail "the demo did not run in a new directory under TMPDIR: $(cat "$SCRATCH/run.err")"
grep -qF "$SHARED" "$SCRATCH/run.err" && fail "the demo named the shared directory: $(cat "$SCRATCH/run.err")"
expect_eq "$before" "$(listing "$SHARED")" "the shared directory after the demo"
expect_eq "$victim_sum" "$(sha256sum <"$victim")" "the file the demo links point at"
expect_eq "" "$(ls -A "$SCRATCH/tmp")" "what the demo left in TMPDIR"
no_pcscd_on "$SCRATCH/tmp" || fail "the demo's pcscd still runs"
no_pcscd_on "$SHARED" || fail "a pcscd runs on the shared directory"

echo "sandbox-other-user: all checks passed"
