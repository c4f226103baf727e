# Helpers for the integration suites: sourced, not run. Each suite exits non-zero on the first
# failed expectation and says what it expected.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN to the built tokenburner binary}"
tb() { "$TOKENBURNER_BIN" "$@"; }

fail() { echo "  FAILED: $*" >&2; exit 1; }

expect_eq() { # expected actual what
  [[ "$1" == "$2" ]] || fail "$3: expected '$1', got '$2'"
}

expect_status() { # expected-status what command...
  local want=$1 what=$2; shift 2
  "$@" >/dev/null 2>&1
  local got=$?
  [[ $got -eq $want ]] || fail "$what: expected exit $want, got $got"
}

# Random bytes as lower-case hex.
random_hex() { head -c "$1" /dev/urandom | xxd -p -c 1000; }

# Hex to Base32 (RFC 4648, with padding as coreutils prints it).
hex_to_base32() { echo -n "$1" | xxd -r -p | base32 -w 0; }

# Sets SCRATCH to a fresh directory that is removed when the suite exits.
make_scratch() {
  SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-it.XXXXXX")
  trap 'rm -rf "$SCRATCH"' EXIT
}
