#!/usr/bin/env bash
# The HTTP driver under `tokenburner push`, against a loopback peer (http-peer.py): a
# self-signed certificate refused unless ca_file names it, a redirect not followed, an answer
# over the body cap refused, plain http to another machine refused before any connection.
source "$(dirname "$0")/lib.bash"
make_scratch
here="$(cd "$(dirname "$0")" && pwd)"
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-4
export XDG_CONFIG_HOME="$SCRATCH/xdg-config"
mkdir -p -m 700 "$XDG_CONFIG_HOME/tokenburner"
out="$SCRATCH/out"
PEER_PID=""
stop_peer() { [[ -z $PEER_PID ]] || { kill "$PEER_PID" 2>/dev/null; wait "$PEER_PID" 2>/dev/null; PEER_PID=""; }; }
trap 'stop_peer; remove_scratch' EXIT

# start_peer MODE [tls]: sets PEER_URL; requests land in $SCRATCH/peer.log.
start_peer() {
  stop_peer
  rm -f "$SCRATCH/peer.port" "$SCRATCH/peer.log"
  local tls=()
  [[ ${2:-} == tls ]] && tls=("$INPUTS/cert.pem" "$INPUTS/key.pem")
  python3 "$here/http-peer.py" "$SCRATCH/peer.port" "$SCRATCH/peer.log" "$1" "${tls[@]}" &
  PEER_PID=$!
  for _ in $(seq 50); do [[ -s $SCRATCH/peer.port ]] && break; sleep 0.1; done
  [[ -s $SCRATCH/peer.port ]] || fail "the peer did not start"
  PEER_URL="$([[ ${2:-} == tls ]] && echo https || echo http)://127.0.0.1:$(cat "$SCRATCH/peer.port")"
}

write_config() { # URL [CA_FILE]
  {
    echo "[privacyidea]"
    echo "url = \"$1\""
    echo 'realm = "helpdesk"'
    echo "api_key_file = \"$INPUTS/pi-key\""
    [[ -z ${2:-} ]] || echo "ca_file = \"$2\""
  } >"$XDG_CONFIG_HOME/tokenburner/config.toml"
}

printf 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZXN0IjoxfQ.c2ln' >"$INPUTS/pi-key"
chmod 600 "$INPUTS/pi-key"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$INPUTS/key.pem" -out "$INPUTS/cert.pem" \
  >/dev/null 2>&1 || fail "openssl made no certificate"

# An enrollment to push: a simulated token burned for alice.
start_stack
trap 'stop_peer; stop_sim; stop_stack; remove_scratch' EXIT
start_sim --model OTPC-P2-i
hex=$(random_hex 20)
echo "0x$hex" | tb burn --secret-stdin --user alice --json >"$out.burn" 2>&1 ||
  fail "burn exited $?: $(cat "$out.burn")"
id=$(jq -r .enrollment_id "$out.burn")
push() { echo "0x$hex" | tb push --enrollment "$id" --secret-stdin --json; }

# --- TLS: a certificate no CA vouches for is refused; naming it as ca_file lets it through.
start_peer empty tls
write_config "$PEER_URL"
push >"$out.untrusted" 2>&1
expect_eq 69 $? "push to an untrusted certificate"
expect_eq failed "$(jq -r .privacyidea.status "$out.untrusted")" "status with an untrusted certificate"
grep -q "TLS connection was refused" "$out.untrusted" || fail "no TLS refusal: $(cat "$out.untrusted")"
[[ ! -s $SCRATCH/peer.log ]] || fail "a request crossed the refused TLS handshake"
write_config "$PEER_URL" "$INPUTS/cert.pem"
push >"$out.trusted" 2>&1
grep -q "GET /token/?serial=" "$SCRATCH/peer.log" || fail "with ca_file the lookup did not arrive"
grep -q "TLS connection was refused" "$out.trusted" && fail "ca_file was not used: $(cat "$out.trusted")"

# --- A redirect is answered as it is, not followed.
start_peer redirect
write_config "$PEER_URL"
push >"$out.redirect" 2>&1
expect_eq 69 $? "push answered with a redirect"
expect_eq 1 "$(wc -l <"$SCRATCH/peer.log")" "requests after a redirect"
grep -q "/elsewhere" "$SCRATCH/peer.log" && fail "the redirect was followed"

# --- An answer over the 1 MiB cap is refused.
start_peer huge
write_config "$PEER_URL"
push >"$out.huge" 2>&1
expect_eq 69 $? "push answered with 2 MiB"
grep -q "over 1048576 bytes" "$out.huge" || fail "the cap is not named: $(cat "$out.huge")"

# --- Plain http to a host that is not a loopback name: refused by the configuration (64).
# 0.0.0.0 stays on this machine should the check ever let it through.
write_config "http://0.0.0.0:$(cat "$SCRATCH/peer.port")"
push >"$out.plain" 2>&1
expect_eq 64 $? "push over plain http to a non-loopback name"
grep -q "plain http to another machine" "$out.plain" || fail "no plain-http refusal: $(cat "$out.plain")"

for file in "$out".*; do expect_no_secret "$file" "$hex"; done
echo "  privacyidea-http: untrusted TLS refused, ca_file trusted, no redirect, body cap, no plain http"
