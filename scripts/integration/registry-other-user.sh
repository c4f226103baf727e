#!/usr/bin/env bash
# The registry against another local user (tokenburner-it-other, created once). In a shared
# sticky directory like /tmp that user creates, before us, a registry file, a -wal or -shm file
# beside ours, a link to a file of ours, or a directory of its own: every command refuses with
# exit 77, naming the path and the owner, and leaves the file alone (sizes and sqlite3 show it
# was not made a registry); doctor reports each as a problem with the fix. A directory anyone
# may write to without the sticky bit is refused too. A registry in the shared directory that
# is ours works. Read-only commands create neither a registry nor its directory.
source "$(dirname "$0")/lib.bash"
make_scratch
ensure_other_user
make_shared_dir
trap 'remove_shared_dir; remove_scratch' EXIT
unset TOKENBURNER_REGISTRY
# The vault passphrase that makes our own registries (vault init is a write needing no token).
PP=$(random_hex 16)
export PP

# refused WHAT REGISTRY TEXT: a read-only and a writing command both exit 77 and name TEXT.
refused() {
  local what=$1 registry=$2 text=$3 out
  out=$(tb registry list --registry "$registry" 2>&1)
  expect_eq 77 "$?" "$what: exit status of registry list"
  [[ $out == *"refusing the registry $registry"*"$text"* ]] || fail "$what: registry list said: $out"
  out=$(tb registry lost --user alice --reason test --registry "$registry" 2>&1)
  expect_eq 77 "$?" "$what: exit status of registry lost"
  [[ $out == *"$text"* ]] || fail "$what: registry lost said: $out"
}
# doctor_says WHAT REGISTRY TEXT: doctor's registry finding is a problem naming TEXT, with a fix.
doctor_says() {
  local what=$1 registry=$2 text=$3 json
  json=$(tb doctor --json --registry "$registry" 2>/dev/null)
  local finding
  finding=$(jq -c --arg p "$registry" '.checks[] | select(.area == "registry" and .subject == $p)' <<<"$json")
  [[ $(jq -r .status <<<"$finding") == problem ]] || fail "$what: doctor's registry finding is $finding"
  [[ $(jq -r .detail <<<"$finding") == *"$text"* ]] || fail "$what: doctor's detail: $finding"
  [[ -n $(jq -r '.fix // empty' <<<"$finding") ]] || fail "$what: doctor gives no fix: $finding"
}
size() { stat -c %s -- "$1"; }

echo "a registry file the other user created first"
as_other sh -c 'umask 000; : >"$1"' sh "$SHARED/theirs.sqlite" || fail "the other user could not create its file"
refused "another user's registry" "$SHARED/theirs.sqlite" "$SHARED/theirs.sqlite is owned by $OTHER_USER (uid $OTHER_UID)"
expect_eq 0 "$(size "$SHARED/theirs.sqlite")" "size of the other user's file"
expect_eq "$OTHER_UID 666" "$(stat -c '%u %a' "$SHARED/theirs.sqlite")" "owner and mode of the other user's file"
doctor_says "another user's registry" "$SHARED/theirs.sqlite" "owned by $OTHER_USER (uid $OTHER_UID)"
doctor_fix=$(tb doctor --json --registry "$SHARED/theirs.sqlite" 2>/dev/null |
  jq -r --arg p "$SHARED/theirs.sqlite" '.checks[] | select(.subject == $p) | .fix')
[[ $doctor_fix == *"mv $SHARED/theirs.sqlite $SHARED/theirs.sqlite.untrusted"* ]] || fail "doctor's fix: $doctor_fix"

for companion in wal shm journal; do
  echo "our registry, and a -$companion file the other user created beside it"
  ours="$SHARED/ours-$companion.sqlite"
  tb vault init --passphrase-env PP --scrypt-n 32768 --registry "$ours" >/dev/null || fail "could not make our registry $ours"
  expect_eq "$(id -u) 600" "$(stat -c '%u %a' "$ours")" "owner and mode of our registry"
  as_other sh -c 'umask 000; : >"$1"' sh "$ours-$companion" || fail "the other user could not create $ours-$companion"
  refused "another user's -$companion" "$ours" "$ours-$companion is owned by $OTHER_USER (uid $OTHER_UID)"
  expect_eq 0 "$(size "$ours-$companion")" "size of the other user's -$companion"
  doctor_says "another user's -$companion" "$ours" "$ours-$companion is owned by $OTHER_USER"
done

echo "a link the other user planted where our registry would be"
: >"$SCRATCH/victim.sqlite"
chmod 600 "$SCRATCH/victim.sqlite"
as_other ln -s "$SCRATCH/victim.sqlite" "$SHARED/link.sqlite" || fail "ln as the other user"
refused "a link as the registry" "$SHARED/link.sqlite" "$SHARED/link.sqlite is a symbolic link"
expect_eq 0 "$(size "$SCRATCH/victim.sqlite")" "size of the file the link points at"
doctor_says "a link as the registry" "$SHARED/link.sqlite" "is a symbolic link"

echo "a directory of the other user's, sticky or not"
as_other mkdir -m 755 "$SHARED/theirs" || fail "mkdir as the other user"
as_other mkdir -m 1777 "$SHARED/theirs-sticky" || fail "mkdir as the other user"
for dir in theirs theirs-sticky; do
  refused "the other user's directory $dir" "$SHARED/$dir/registry.sqlite" \
    "the directory $SHARED/$dir is owned by $OTHER_USER (uid $OTHER_UID)"
  expect_eq "" "$(ls -A "$SHARED/$dir")" "what was created in $dir"
  doctor_says "the other user's directory $dir" "$SHARED/$dir/registry.sqlite" "owned by $OTHER_USER"
done
refused "a directory under the other user's" "$SHARED/theirs/sub/registry.sqlite" "the directory $SHARED/theirs is owned by"
[[ ! -e $SHARED/theirs/sub ]] || fail "a directory was created inside the other user's"

echo "a directory anyone may write to, without the sticky bit"
mkdir -m 777 "$SCRATCH/open"
chmod 777 "$SCRATCH/open"
refused "a world-writable directory" "$SCRATCH/open/registry.sqlite" "the directory $SCRATCH/open (mode 777)"
expect_eq "" "$(ls -A "$SCRATCH/open")" "what was created in the world-writable directory"
doctor_says "a world-writable directory" "$SCRATCH/open/registry.sqlite" "has mode 777"

echo "our own registry in the shared sticky directory works"
tb vault init --passphrase-env PP --scrypt-n 32768 --registry "$SHARED/fine.sqlite" >/dev/null ||
  fail "vault init in the shared directory"
tb registry list --registry "$SHARED/fine.sqlite" >/dev/null || fail "registry list of our own registry"
expect_eq "v5-vault-format" "$(sqlite3 "$SHARED/fine.sqlite" 'SELECT max(identifier) FROM grdb_migrations')" "our registry's schema"

echo "read-only commands create no registry"
none="$SCRATCH/none/data/registry.sqlite"
check_none() { # what expected-status expected-text command...
  local what=$1 want=$2 text=$3 out; shift 3
  out=$(tb "$@" --registry "$none" 2>&1)
  expect_eq "$want" "$?" "$what: exit status"
  [[ $out == *"$text"* ]] || fail "$what said: $out"
  [[ ! -e $SCRATCH/none ]] || fail "$what created $SCRATCH/none"
}
check_none "registry list" 0 "there is no registry at $none yet" registry list
check_none "registry list --json" 0 '"enrollments":[]' registry list --json
check_none "registry history" 0 "there is no registry at $none yet" registry history
check_none "registry show" 65 "there is no registry at $none yet" registry show 1
check_none "codes list" 0 "there is no registry at $none yet" codes list --user alice
check_none "vault status" 0 "The vault is not set up" vault status
check_none "vault unlock-check" 69 "vault" vault unlock-check --passphrase-env PP
check_none "seeds list" 0 "No factory seeds" seeds list
out=$(tb doctor --json --registry "$none" 2>/dev/null)
[[ $(jq -r --arg p "$none" '.checks[] | select(.subject == $p) | .detail' <<<"$out") == *"no registry yet"* ]] ||
  fail "doctor on a missing registry: $out"
[[ ! -e $SCRATCH/none ]] || fail "doctor created $SCRATCH/none"

echo "registry-other-user: all checks passed"
