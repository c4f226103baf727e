#!/usr/bin/env bash
# Hostile and oversized seed files through the built binary: a PSKC file nested 50 000 deep is
# refused (65) with a sentence, not a crash report; a vault whose export would exceed the 8 MiB
# that `seeds import` reads back is refused (65) before any file is made, and one just below
# the limit is written and read back whole.
source "$(dirname "$0")/lib.bash"
make_scratch
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-7
printf '%s\n' "vault passphrase $(random_hex 6)" >"$INPUTS/pp"
tb vault init --passphrase-file "$INPUTS/pp" --scrypt-n 32768 >/dev/null || fail "vault init exited $?"

# 50 000 nested elements: once a stack overflow and a register dump, now one sentence.
{
  printf '<?xml version="1.0"?>\n<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">\n'
  for _ in $(seq 50000); do printf '<a>'; done
  for _ in $(seq 50000); do printf '</a>'; done
  printf '</KeyContainer>\n'
} >"$INPUTS/deep.pskc"
tb seeds import "$INPUTS/deep.pskc" --passphrase-file "$INPUTS/pp" >"$SCRATCH/deep.out" 2>"$SCRATCH/deep.err"
expect_eq 65 $? "importing a 50 000-deep PSKC file"
grep -q "elements are nested more than 32 deep (line 3)" "$SCRATCH/deep.err" || fail "no depth sentence: $(head -c 400 "$SCRATCH/deep.err")"
grep -qE "Fatal error|Registers|Backtrac|crashed|0x[0-9a-f]{8}" "$SCRATCH/deep.err" "$SCRATCH/deep.out" &&
  fail "a crash report for the deep file"
expect_eq 1 "$(wc -l <"$SCRATCH/deep.err")" "lines on stderr for the deep file"

# A vault of 10 000 factory seeds exports to about 7.9 MB: under the limit, written and read
# back. 800 more make it too large for the import: refused before a file exists.
make_csv() { # FIRST COUNT FILE: COUNT rows of random 20-byte seeds, serials from FIRST
  paste -d, <(seq "$1" $(( $1 + $2 - 1 ))) <(xxd -p -c 20 -l $(( 20 * $2 )) /dev/urandom) | sed 's/$/, totp, 6, 30/' >"$3"
}
make_csv 8652000000 10000 "$INPUTS/batch1.csv"
make_csv 8653000000 800 "$INPUTS/batch2.csv"
printf '%s\n' "export passphrase $(random_hex 4)" >"$INPUTS/export-pp"
tb seeds import "$INPUTS/batch1.csv" --passphrase-file "$INPUTS/pp" --json >"$SCRATCH/import1.json" || fail "import of 10000 seeds exited $?"
tb seeds export --pskc --output "$SCRATCH/fits.pskc" --passphrase-file "$INPUTS/pp" \
  --export-passphrase-file "$INPUTS/export-pp" >/dev/null || fail "the export of 10000 seeds exited $?"
size=$(stat -c %s "$SCRATCH/fits.pskc")
(( size <= 8 * 1024 * 1024 && size > 15 * 512 * 1024 )) || fail "the 10000-seed export is $size bytes"
other="$SCRATCH/other/tokens.sqlite"
tb vault init --registry "$other" --passphrase-file "$INPUTS/pp" --scrypt-n 32768 >/dev/null || fail "second vault init"
tb seeds import "$SCRATCH/fits.pskc" --registry "$other" --passphrase-file "$INPUTS/pp" \
  --pskc-password-file "$INPUTS/export-pp" --json >"$SCRATCH/reimport.json" || fail "re-import of the 10000-seed export exited $?"
expect_eq 10000 "$(jq '.imported | length' "$SCRATCH/reimport.json")" "seeds read back from the export"

tb seeds import "$INPUTS/batch2.csv" --passphrase-file "$INPUTS/pp" >/dev/null || fail "import of 800 more seeds exited $?"
msg=$(tb seeds export --pskc --output "$SCRATCH/too-big.pskc" --passphrase-file "$INPUTS/pp" \
  --export-passphrase-file "$INPUTS/export-pp" 2>&1); expect_eq 65 $? "an export larger than the import reads"
grep -q "more than the 8 MiB \`seeds import\` reads back; nothing was written" <<<"$msg" || fail "no size sentence: $msg"
[[ -e $SCRATCH/too-big.pskc ]] && fail "the oversized export was written"
echo "  50 000-deep PSKC: 65 and one sentence; export of 10000 seeds ($size bytes) read back, of 10 800 refused unwritten"
