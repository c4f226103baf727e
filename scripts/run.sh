#!/usr/bin/env bash
# `make run`: starts the built tokenburner with the given arguments (the wizard by default).
# The demo stack (a private pcscd with the vpcd reader and the simulated token, used when no
# physical reader is present) arrives with the `simulate` command.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .build/debug/tokenburner "$@"
