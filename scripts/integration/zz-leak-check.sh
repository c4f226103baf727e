#!/usr/bin/env bash
# The last suite of a run (scripts/test-integration.sh): every file the earlier suites kept in
# the run directory — the program's outputs and JSON, the transcripts of every `tb` call, the
# simulator's log and status file, the sandbox pcscd's log — is searched for every secret the
# suites made (lib.bash records each one), as raw bytes, hex, Base32 and Base64 in any case,
# and every backup code recorded, with or without its dashes (leak-scan.pl). Files the suites
# wrote as input for the program (their inputs/ folders) and outputs that reveal a secret on
# purpose (their revealed/ folders: --show-secret, `seeds register`, a printed recovery key)
# are not searched. Zero hits pass; an empty secret list or nothing to search fails, so the
# check cannot pass vacuously.
source "$(dirname "$0")/lib.bash"
scan="$(dirname "$0")/leak-scan.pl"
[[ -n $IT_RUN_DIR ]] || fail "no run directory: run the suites through scripts/test-integration.sh"
secrets="$IT_RUN_DIR/secrets.list"
[[ -s $secrets ]] || fail "no secrets were recorded in this run ($secrets)"
count=$(sort -u "$secrets" | grep -c .)

# The search itself must find each form: plant one secret in each form and expect every hit.
canary_dir=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-canary.XXXXXX")
trap 'rm -rf "$canary_dir"' EXIT
canary="$canary_dir/files"
mkdir "$canary"
hex=$(head -c 20 /dev/urandom | xxd -p -c 100)
code="K7QM-$(head -c 4 /dev/urandom | xxd -p | tr 'a-f' 'A-F')-9WHZ"
printf '%s\ntext:%s\n' "$hex" "$code" >"$canary_dir/list"
printf 'code %s\n' "$(tr -d '-' <<<"$code" | tr 'A-Z' 'a-z')" >"$canary/code-bare"
b32=$(hex_to_base32 "$hex")
printf 'x%sy' "$(tr 'a-f' 'A-F' <<<"$hex")" >"$canary/hex-upper"
printf '"%s"' "${b32%%=*}" >"$canary/b32-unpadded"
printf '%s' "$(tr 'A-Z' 'a-z' <<<"$b32")" >"$canary/b32-lower-padded"
printf 'Key   %s\n' "$(sed 's/=*$//; s/..../& /g; s/ $//' <<<"$b32")" >"$canary/b32-grouped"
{ head -c 7 /dev/urandom; echo -n "$hex" | xxd -r -p; head -c 7 /dev/urandom; } >"$canary/raw"
echo -n "$hex" | xxd -r -p | base64 -w 0 >"$canary/base64"
echo "nothing here" >"$canary/clean"
planted=$(perl "$scan" "$canary_dir/list" "$canary"/* | cut -d: -f1 | sort -u | xargs -n1 basename | tr '\n' ' ')
expect_eq "b32-grouped b32-lower-padded b32-unpadded base64 code-bare hex-upper raw " "$planted" "the search on planted secrets"

# The run's files.
mapfile -t files < <(find "$IT_RUN_DIR" -type f ! -path '*/inputs/*' ! -path '*/revealed/*' ! -path "$secrets" | sort)
(( ${#files[@]} > 0 )) || fail "no files to search in $IT_RUN_DIR"
bytes=$(cat "${files[@]}" | wc -c)
suites=$(find "$IT_RUN_DIR" -mindepth 1 -maxdepth 1 -type d | wc -l)
transcripts=$(printf '%s\n' "${files[@]}" | grep -c '/transcript.txt$')
(( transcripts > 0 )) || fail "no transcript of any tokenburner call"
hits=$(perl "$scan" "$secrets" "${files[@]}")
status=$?
[[ $status -le 1 ]] || fail "the search failed (status $status)"
if [[ -n $hits ]]; then
  echo "$hits" | sed "s|$IT_RUN_DIR/||" | head -20 >&2
  fail "secret material found in the files of this run"
fi
echo "  $count secrets, ${#files[@]} files ($bytes bytes, $transcripts transcripts) from $suites suites: no secret found"
