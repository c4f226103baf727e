#!/usr/bin/env bash
# Backup code sheets through a real CUPS server (scripts/cups-sandbox.sh: private cupsd with a
# cups-pdf queue) and into a file: the PDF read back with pdftotext holds the user, the serial,
# the model, the operator, every code and the service's recovery key; the saved file is 0600.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
cups="$(dirname "$0")/../cups-sandbox.sh"
chmod 711 "$SCRATCH" "$REVEALED"  # cupsd's filters run as user lp and must reach the spool inside
"$cups" start "$REVEALED/cups" >/dev/null || fail "the CUPS sandbox did not start"
trap 'stop_sim; "$cups" stop "$REVEALED/cups" >/dev/null 2>&1; "$SANDBOX_SCRIPT" stop "$SCRATCH/pcscd" >/dev/null 2>&1; remove_scratch' EXIT
eval "$("$cups" env "$REVEALED/cups")"
export TOKENBURNER_REGISTRY="$SCRATCH/registry.sqlite" TOKENBURNER_OPERATOR="Zoë Helpdesk"

start_sim --model miniOTP-3-i
echo "0x$(random_hex 20)" | tb burn --secret-stdin --user "dora.müller" --service Confluence >/dev/null 2>&1 ||
  fail "burn exited $?"
recovery="RECOVERY-$(random_hex 6)"
echo "$recovery" | tb codes generate --user "dora.müller" --print --recovery-stdin --save "$REVEALED/sheet.txt" --json \
  >"$SCRATCH/codes.json" || fail "codes generate --print exited $?"
mapfile -t codes < <(jq -r '.codes[]' "$SCRATCH/codes.json")
expect_eq 10 "${#codes[@]}" "codes issued"
[[ $(jq -r .print_job "$SCRATCH/codes.json") == *"request id is tokenburner-pdf-"* ]] || fail "no print job id"

# The PDF appears while the backend still writes it: wait until it reads as a whole sheet.
text=""
for _ in $(seq 150); do
  pdf=$(find "$CUPS_SANDBOX_PDF" -name '*.pdf' -size +0 2>/dev/null | head -n 1)
  [[ -n $pdf ]] && text=$(pdftotext -layout "$pdf" - 2>/dev/null) && grep -q "${codes[9]}" <<<"$text" && break
  sleep 0.1
done
[[ -n $text ]] || fail "no readable PDF from the print queue; log: $(tail -n 5 "$REVEALED/cups/log/error_log")"
for want in "dora.müller" "Confluence" "8659601000001" "miniOTP-3-i" "Zoë Helpdesk" "Each code works once" "$recovery"; do
  grep -qF -- "$want" <<<"$text" || fail "the printed sheet lacks '$want'"
done
for i in "${!codes[@]}"; do
  grep -qE -- "^ *$((i + 1))\. +${codes[i]}" <<<"$text" || fail "the printed sheet lacks code $((i + 1)) in place"
done

[[ $(stat -c %a "$REVEALED/sheet.txt") == 600 ]] || fail "the saved sheet is not mode 600"
for code in "${codes[@]}"; do grep -qF -- "$code" "$REVEALED/sheet.txt" || fail "saved sheet lacks a code"; done
grep -qF -- "$recovery" "$REVEALED/sheet.txt" || fail "saved sheet lacks the recovery key"
msg=$(tb codes generate --user "dora.müller" --save "$REVEALED/sheet.txt" 2>&1); expect_eq 65 $? "saving over an existing file"
grep -q "already exists" <<<"$msg" || fail "no reason given: $msg"
grep -q "the previous backup codes still work" <<<"$msg" || fail "the refusal does not say the old codes work: $msg"
echo "${codes[0]}" | tb codes verify --user "dora.müller" >/dev/null || fail "the printed set stopped working after a refused save"

# The recovery key is printed, never stored; the codes are stored as hashes only.
sqlite3 "$TOKENBURNER_REGISTRY" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
for file in "$TOKENBURNER_REGISTRY" "$TOKENBURNER_REGISTRY-wal"; do
  [[ -f $file ]] || continue
  grep -qaF -- "$recovery" "$file" && fail "the recovery key was stored in $file"
  for code in "${codes[@]}"; do grep -qaF -- "$code" "$file" && fail "a code was stored in $file"; done
done

# A queue that does not exist: a clear error, exit 69, and the codes say how to go on.
msg=$(tb codes generate --user "dora.müller" --print --printer no-such-queue 2>&1); expect_eq 69 $? "unknown printer"
grep -q "printing failed" <<<"$msg" || fail "no printing failure sentence: $msg"
grep -q "nothing was changed: the previous backup codes still work" <<<"$msg" || fail "the print failure does not say the old codes work: $msg"
echo "${codes[1]}" | tb codes verify --user "dora.müller" >/dev/null || fail "the printed set stopped working after a failed print"
expect_eq 1 "$(sqlite3 "$TOKENBURNER_REGISTRY" "SELECT COUNT(*) FROM backup_code_set")" "code sets after two failed deliveries"
# lp is /usr/bin/lp, never one found through PATH, and it inherits no secret variable: an
# `lp` placed first in PATH (it would record its environment) is not run, and the sheet
# still reaches the queue.
mkdir -p "$SCRATCH/fake-bin"
printf '#!/bin/sh\nenv >"%s"\necho "request id is fake-1"\n' "$SCRATCH/fake-lp-ran" >"$SCRATCH/fake-bin/lp"
chmod +x "$SCRATCH/fake-bin/lp"
pdfs_before=$(find "$CUPS_SANDBOX_PDF" -name '*.pdf' | wc -l)
PATH="$SCRATCH/fake-bin:$PATH" TB_SEED_FOR_ANOTHER_COMMAND="$(random_hex 20)" \
  tb codes generate --user "dora.müller" --print --json >"$SCRATCH/codes2.json" || fail "the second print exited $?"
[[ -e $SCRATCH/fake-lp-ran ]] && fail "an lp found through PATH was run"
[[ $(jq -r .print_job "$SCRATCH/codes2.json") == *"request id is tokenburner-pdf-"* ]] || fail "the second sheet did not reach CUPS"
for _ in $(seq 150); do (( $(find "$CUPS_SANDBOX_PDF" -name '*.pdf' | wc -l) > pdfs_before )) && break; sleep 0.1; done
(( $(find "$CUPS_SANDBOX_PDF" -name '*.pdf' | wc -l) > pdfs_before )) || fail "no second PDF from /usr/bin/lp"
echo "  printed sheet read back from the PDF: user, token, operator, 10 codes, recovery key; lp from /usr/bin only"
