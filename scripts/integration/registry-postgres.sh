#!/usr/bin/env bash
# The registry on a real PostgreSQL 15 server (the cluster scripts/with-postgres.sh starts for
# the whole run; its URL and password file come in TOKENBURNER_TEST_POSTGRES_URL and PGPASSFILE):
# bad URIs, `registry setup`, two operator roles at two "desks" (processes) racing for the same
# user and service, the same serial and the same backup code, the rate limit across desks, the
# audit log refusing UPDATE and DELETE to an operator in psql, a wrong password and a TLS
# certificate from the wrong CA refused with nothing written. Burns go through pcscd + vpcd and
# the simulated token; races are made certain by holding a table lock in psql until both
# desks' transactions wait on it.
source "$(dirname "$0")/lib.bash"
make_scratch
[[ -n ${TOKENBURNER_TEST_POSTGRES_URL:-} && -n ${PGPASSFILE:-} ]] ||
  fail "TOKENBURNER_TEST_POSTGRES_URL is not set: run this suite through make test or scripts/with-postgres.sh"
out="$SCRATCH/out"
admin_url=$TOKENBURNER_TEST_POSTGRES_URL
ca_dir="$TOKENBURNER_TEST_POSTGRES_DIR/client"
server=${admin_url%/*}          # postgresql://tokenburner_admin@127.0.0.1:PORT
hostport=${server#*@}
db="tb_it_$(date +%s)_$RANDOM"
owner_url="$server/$db"
alice_url="postgresql://desk_alice@$hostport/$db"
bob_url="postgresql://desk_bob@$hostport/$db"
carol_url="postgresql://desk_carol@$hostport/$db"

# The suite's own password file: the admin's entries, then one per operator role.
pgpass="$INPUTS/pgpass"
(umask 077 && cp "$PGPASSFILE" "$pgpass")
export PGPASSFILE=$pgpass
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$owner_url" "$@"; }
sql_as() { local role=$1; shift; psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql://$role@$hostport/$db" "$@"; }
psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "CREATE DATABASE $db" || fail "CREATE DATABASE"
cleanup_db() {
  psql -X -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  for role in desk_alice desk_bob desk_carol; do
    psql -X -q "$admin_url" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
  done
}
audit_rows() { sql -c "SELECT count(*) FROM audit"; }

echo "bad URIs: a usage error each, the URI not repeated, nothing created"
mkdir -m 700 "$SCRATCH/cwd"
cd "$SCRATCH/cwd" || fail "cd"
password_uri="postgresql://desk_alice:$(random_hex 8)@$hostport/$db"
msg=$(tb registry list --registry "$password_uri" 2>&1); expect_eq 64 $? "a password in the URI"
[[ $msg == *"names a password"* && $msg != *"${password_uri#*:*:}"* ]] || fail "the refusal of a password URI: $msg"
msg=$(tb registry list --registry "postgresql://desk_alice@[::1/$db" 2>&1); expect_eq 64 $? "a malformed URI"
[[ $msg == *"URI is not usable"* ]] || fail "a malformed URI: $msg"
msg=$(tb registry list --registry "mysql://desk_alice@$hostport/$db" 2>&1); expect_eq 64 $? "another scheme"
[[ $msg == *"does not know the scheme mysql://"* ]] || fail "another scheme: $msg"
msg=$(TOKENBURNER_REGISTRY="sqlite3://x" tb registry list 2>&1); expect_eq 64 $? "another scheme in TOKENBURNER_REGISTRY"
expect_eq "" "$(ls -A)" "files the refused URIs left in the working directory"
cd - >/dev/null || fail "cd -"

echo "before set-up: a clear refusal"
msg=$(tb registry list --registry "$owner_url" 2>&1); expect_eq 69 $? "a database that was not set up"
[[ $msg == *"registry setup"* ]] || fail "the refusal does not say to run registry setup: $msg"

echo "registry setup, twice"
tb registry setup --registry "$owner_url" --json >"$out.setup" || fail "registry setup exited $?"
expect_eq "3 [1,2,3]" "$(jq -r '"\(.schema_version) \(.applied|tojson)"' "$out.setup")" "the first set-up"
tb registry setup --registry "$owner_url" --json >"$out.setup2" || fail "a second setup exited $?"
expect_eq "[]" "$(jq -c .applied "$out.setup2")" "steps applied by a second set-up"
expect_eq "3" "$(sql -c 'SELECT max(version) FROM schema_version')" "schema_version in the database"
expect_eq "f" "$(sql -c "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'tokenburner_operator'")" "the group role"

echo "two operator roles (and a third, for the wrong password)"
for role in desk_alice desk_bob desk_carol; do
  pw=$(random_hex 12)
  # The password goes to psql on standard input, never on a command line.
  sql <<<"CREATE ROLE $role LOGIN PASSWORD '$pw' IN ROLE tokenburner_operator" || fail "CREATE ROLE $role"
  [[ $role == desk_carol ]] && pw=$(random_hex 12)   # carol's file holds a wrong one
  printf '%s\n' "127.0.0.1:${hostport#*:}:$db:$role:$pw" >>"$pgpass"
done

echo "a wrong password, a certificate from the wrong CA: refused, nothing written"
rows=$(audit_rows)
msg=$(tb registry list --registry "$carol_url" 2>&1); expect_eq 77 $? "a wrong password"
[[ $msg == *"password authentication failed"* ]] || fail "a wrong password: $msg"
msg=$(tb codes verify --user nobody --registry "$carol_url" <<<"22222-22222-22222" 2>&1); expect_eq 77 $? "verify with a wrong password"
msg=$(tb registry list --registry "$alice_url?sslmode=verify-full&sslrootcert=$ca_dir/wrong-ca.crt" 2>&1)
expect_eq 77 $? "a server certificate the CA file does not vouch for"
[[ $msg == *"TLS certificate could not be verified"*"certificate verify failed"* ]] || fail "the TLS refusal: $msg"
msg=$(tb codes verify --user nobody --registry "$alice_url?sslmode=verify-full&sslrootcert=$ca_dir/wrong-ca.crt" <<<"22222-22222-22222" 2>&1)
expect_eq 77 $? "verify over TLS with the wrong CA"
expect_eq "$rows" "$(audit_rows)" "audit rows after the refused connections"
tb registry list --registry "$alice_url?sslmode=verify-full&sslrootcert=$ca_dir/ca.crt" >/dev/null ||
  fail "verify-full with the right CA was refused"

start_stack
trap 'stop_sim; stop_stack; cleanup_db; remove_scratch' EXIT
# burn_as ROLE USER SERVICE: burns a fresh secret into the token on the reader, recorded by ROLE.
burn_as() {
  echo "0x$(random_hex 20)" | TOKENBURNER_OPERATOR=forged-name "$TOKENBURNER_BIN" burn --secret-stdin \
    --user "$2" --service "$3" --registry "postgresql://$1@$hostport/$db"
}

echo "a burn from desk_alice: the audit names the role, whatever the client says"
start_sim --serial 8659632100001
wait_token_readable || fail "the token does not answer"
burn_as desk_alice alice Jira >"$out.burn1" 2>&1 || fail "the first burn exited $?: $(cat "$out.burn1")"
expect_eq "desk_alice desk_alice 127.0.0.1" \
  "$(sql -c "SELECT e.operator || ' ' || a.operator || ' ' || a.client_host FROM enrollment e JOIN audit a ON a.enrollment_id = e.id WHERE e.serial = '8659632100001'")" \
  "operator of the enrollment and its audit row, and the client's host"
tb registry history --user alice --registry "$bob_url" >"$out.history" || fail "history exited $?"
grep -q "desk_alice from 127.0.0.1  burn  success  alice 8659632100001" "$out.history" ||
  fail "history does not show the role and host: $(cat "$out.history")"
grep -q forged-name "$out.history" && fail "history shows the name the client stated"

echo "the audit log in psql: an operator cannot change or delete rows, or write in another's name"
rows=$(audit_rows)
msg=$(sql_as desk_bob -c "UPDATE audit SET detail = 'nothing happened'" 2>&1) && fail "desk_bob updated audit rows"
[[ $msg == *"permission denied for table audit"* ]] || fail "UPDATE as an operator: $msg"
msg=$(sql_as desk_bob -c "DELETE FROM audit" 2>&1) && fail "desk_bob deleted audit rows"
[[ $msg == *"permission denied for table audit"* ]] || fail "DELETE as an operator: $msg"
msg=$(sql_as desk_bob -c "TRUNCATE audit" 2>&1) && fail "desk_bob truncated the audit log"
msg=$(sql -c "UPDATE audit SET detail = 'nothing happened'" 2>&1) && fail "the owner updated audit rows"
[[ $msg == *"the audit log is append-only"* ]] || fail "UPDATE as the owner: $msg"
msg=$(sql -c "DELETE FROM audit" 2>&1) && fail "the owner deleted audit rows"
[[ $msg == *"the audit log is append-only"* ]] || fail "DELETE as the owner: $msg"
sql_as desk_bob -c "INSERT INTO audit (at, operator, action, outcome, detail) VALUES (1, 'desk_alice', 'burn', 'success', 'forged row')" ||
  fail "desk_bob could not append a row"
expect_eq "desk_bob" "$(sql -c "SELECT operator FROM audit WHERE detail = 'forged row'")" "the operator of a row desk_bob wrote naming desk_alice"
expect_eq "$((rows + 1))" "$(audit_rows)" "audit rows after the refused changes and one append"
expect_eq "0" "$(sql -c "SELECT count(*) FROM audit WHERE detail = 'nothing happened'")" "changed audit rows"

# --- Races: psql holds a lock that every recording write needs, until both desks wait on it.
locker_pid=""
hold_lock() { # TABLE: a psql session holds TABLE in SHARE ROW EXCLUSIVE mode (reads pass, writes wait)
  PGAPPNAME=locker psql -X -q "$owner_url" -c "BEGIN; LOCK TABLE $1 IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep(120);" >/dev/null 2>&1 &
  locker_pid=$!
  for _ in $(seq 100); do
    [[ $(sql -c "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'locker' AND l.mode = 'ShareRowExclusiveLock' AND l.granted") == 1 ]] && return 0
    sleep 0.1
  done
  fail "psql did not take the lock on $1"
}
waiting_desks() { # N: until N tokenburner sessions wait for the lock (30 s)
  for _ in $(seq 300); do
    [[ $(sql -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tokenburner' AND wait_event_type = 'Lock'") -ge $1 ]] && return 0
    sleep 0.1
  done
  fail "$1 desks are not waiting for the lock"
}
release_lock() {
  sql -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'locker'" >/dev/null
  wait "$locker_pid" 2>/dev/null
}
# race_outcome A-STATUS B-STATUS A-FILE B-FILE: exactly one 0 and one 65 whose message names
# the other desk's role; prints the winner.
race_outcome() {
  local winner loser loser_file
  if [[ $1 == 0 && $2 == 65 ]]; then winner=desk_alice loser_file=$4
  elif [[ $1 == 65 && $2 == 0 ]]; then winner=desk_bob loser_file=$3
  else fail "race: expected one desk to record (0) and one refused (65), got $1 and $2: $(cat "$3" "$4")"; fi
  grep -q "while this burn was being recorded, $winner recorded enrollment #" "$loser_file" ||
    fail "the refused desk is not told who recorded: $(cat "$loser_file")"
  echo "$winner"
}

echo "two desks enroll carol for Wiki at once: one enrollment, the other desk told who"
hold_lock enrollment
start_sim --serial 8659632100002
wait_token_readable || fail "the token does not answer"
burn_as desk_alice carol Wiki >"$out.race-a" 2>&1 & pid_a=$!
waiting_desks 1
start_sim --serial 8659632100003
wait_token_readable || fail "the second token does not answer"
burn_as desk_bob carol Wiki >"$out.race-b" 2>&1 & pid_b=$!
waiting_desks 2
release_lock
wait "$pid_a"; status_a=$?
wait "$pid_b"; status_b=$?
winner=$(race_outcome "$status_a" "$status_b" "$out.race-a" "$out.race-b") || exit 1
expect_eq "1 $winner" "$(sql -c "SELECT count(*) || ' ' || max(operator) FROM enrollment WHERE \"user\" = 'carol' AND service = 'Wiki' AND status = 'active'")" \
  "active enrollments of carol for Wiki"
echo "  recorded by $winner"

echo "one serial burned at two desks at once: recorded once"
hold_lock enrollment
start_sim --serial 8659632100004
wait_token_readable || fail "the token does not answer"
burn_as desk_alice dave Mail >"$out.serial-a" 2>&1 & pid_a=$!
waiting_desks 1
start_sim --serial 8659632100004
wait_token_readable || fail "the token does not answer again"
burn_as desk_bob erin Mail >"$out.serial-b" 2>&1 & pid_b=$!
waiting_desks 2
release_lock
wait "$pid_a"; status_a=$?
wait "$pid_b"; status_b=$?
race_outcome "$status_a" "$status_b" "$out.serial-a" "$out.serial-b" >/dev/null || exit 1
expect_eq "1 0" "$(sql -c "SELECT count(*) FILTER (WHERE status = 'active') || ' ' || count(*) FILTER (WHERE status = 'replaced') FROM enrollment WHERE serial = '8659632100004'")" \
  "enrollments of serial 8659632100004 (active, replaced)"

echo "the same backup code read out at two desks at once: accepted once"
# The codes are shown by design: their output is kept with what reveals secrets, untranscribed.
tb_revealing codes generate --user alice --registry "$alice_url" --json >"$REVEALED/codes.json" ||
  fail "codes generate exited $?"
mapfile -t codes < <(jq -r '.codes[]' "$REVEALED/codes.json")
record_backup_code "${codes[@]}"
hold_lock backup_code
"$TOKENBURNER_BIN" codes verify --user alice --registry "$alice_url" <<<"${codes[2]}" >"$out.code-a" 2>&1 & pid_a=$!
"$TOKENBURNER_BIN" codes verify --user alice --registry "$bob_url" <<<"${codes[2]}" >"$out.code-b" 2>&1 & pid_b=$!
waiting_desks 2
release_lock
wait "$pid_a"; status_a=$?
wait "$pid_b"; status_b=$?
expect_eq "0 77" "$(printf '%s\n' "$status_a" "$status_b" | sort -n | tr '\n' ' ' | sed 's/ $//')" "exit statuses of the two verifications"
expect_eq "1" "$(sql -c "SELECT count(*) FROM backup_code WHERE used_at IS NOT NULL")" "codes used"
expect_eq "1 1" "$(sql -c "SELECT count(*) FILTER (WHERE action = 'code_verified') || ' ' || count(*) FILTER (WHERE action = 'code_rejected') FROM audit WHERE \"user\" = 'alice'")" \
  "audit rows of the race (accepted, refused)"

echo "the rate limit counts every desk's failures"
# The race's refusal counted one; two more from each desk make five.
for url in "$alice_url" "$bob_url" "$alice_url" "$bob_url"; do
  tb codes verify --user alice --registry "$url" <<<"22222-22222-22222" >/dev/null 2>&1
  expect_eq 77 $? "a wrong code"
done
msg=$(tb codes verify --user alice --registry "$bob_url" <<<"${codes[5]}" 2>&1); expect_eq 75 $? "the right code past the limit, at the other desk"
[[ $msg == *"too many wrong backup codes for alice"* ]] || fail "the rate limit message: $msg"
expect_eq "1" "$(sql -c "SELECT count(*) FROM backup_code WHERE used_at IS NOT NULL")" "codes used after the limit"

echo "a schema newer than this program: refused (69), nothing written"
sql -c "INSERT INTO schema_version (version, name) VALUES (99, 'from-a-newer-tokenburner')"
rows=$(audit_rows)
msg=$(tb registry list --registry "$alice_url" 2>&1); expect_eq 69 $? "registry list on a newer schema"
[[ $msg == *"newer than this version of tokenburner"* ]] || fail "the newer-schema refusal: $msg"
tb codes verify --user alice --registry "$bob_url" <<<"${codes[6]}" >/dev/null 2>&1; expect_eq 69 $? "codes verify on a newer schema"
msg=$(tb registry setup --registry "$owner_url" 2>&1); expect_eq 69 $? "registry setup on a newer schema"
expect_eq "$rows 1" "$(audit_rows) $(sql -c "SELECT count(*) FROM backup_code WHERE used_at IS NOT NULL")" "audit rows and used codes after the refusals"

echo "registry-postgres: all checks passed"
