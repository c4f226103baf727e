#!/usr/bin/env bash
# Installs the Debian packages tokenburner needs, only those that are missing.
# Usage: scripts/install-deps.sh [build|run|test]... (default: build)
# Idempotent and quiet; uses sudo only when not already root. `test` also installs
# privacyIDEA 3.14 into .venv/privacyidea (the push suites' server) and ykman
# (yubikey-manager, the YubiKey suite's oracle) from PyPI into the project-local virtual
# environment .venv/ykman, reused when it already holds that version.
set -euo pipefail

build_pkgs=(pkg-config libssl-dev libncurses-dev libpcsclite-dev libzbar-dev libqrencode-dev
  libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev libwebp-dev libgif-dev libtiff-dev libsqlite3-dev
  libcurl4-openssl-dev libpq-dev)
# postgresql-15: the server a team registry runs on, and the private cluster of `make test`
# (scripts/postgres-sandbox.sh, which also needs openssl and python3).
run_pkgs=(pcscd vsmartcard-vpcd libccid jq util-linux postgresql-15 postgresql-client-15 openssl python3)
test_pkgs=(oathtool qrencode zint zbar-tools tmux procps jq xxd imagemagick time fonts-dejavu-core sqlite3
  python3-pyscard python3-venv gcc
  cups cups-client cups-filters printer-driver-cups-pdf poppler-utils pskctool python3-pskc)

ykman_version=5.9.2
ykman_venv="$(cd "$(dirname "$0")/.." && pwd)/.venv/ykman"
want_ykman=0
wanted=()
for group in "${@:-build}"; do
  case "$group" in
    build) wanted+=("${build_pkgs[@]}") ;;
    run) wanted+=("${build_pkgs[@]}" "${run_pkgs[@]}") ;;
    test) wanted+=("${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}"); want_ykman=1 ;;
    *) echo "install-deps: unknown group '$group' (build, run or test)" >&2; exit 64 ;;
  esac
done

# privacyIDEA 3.14 for the push suites: a project-local virtual environment from PyPI, made
# once and reused while it holds that version (docs/privacyidea.md).
ensure_privacyidea_venv() {
  local root venv
  root="$(cd "$(dirname "$0")/.." && pwd)"
  venv="$root/.venv/privacyidea"
  if [[ -x $venv/bin/python ]] &&
    "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("privacyIDEA") != "3.14")' 2>/dev/null
  then
    return 0
  fi
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
    { echo "install-deps: privacyIDEA 3.14 needs Python 3.10 or later" >&2; exit 69; }
  echo "Installing privacyIDEA 3.14 into .venv/privacyidea"
  rm -rf "$venv"
  mkdir -p "$root/.venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'privacyidea==3.14'
}

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ $want_ykman -eq 1 ]]; then ensure_privacyidea_venv; fi

# ykman from PyPI, pinned, into .venv/ykman (ignored by git); nothing is done when the
# environment already runs that version.
if [[ $want_ykman -eq 1 ]]; then
  if [[ $("$ykman_venv/bin/ykman" --version 2>/dev/null) != *"version: $ykman_version"* ]]; then
    echo "Installing yubikey-manager $ykman_version into .venv/ykman"
    rm -rf "$ykman_venv"
    python3 -m venv "$ykman_venv"
    "$ykman_venv/bin/pip" install -q --disable-pip-version-check "yubikey-manager==$ykman_version"
  fi
fi
