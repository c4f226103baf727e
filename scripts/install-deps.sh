#!/usr/bin/env bash
# Installs the Debian packages tokenburner needs, only those that are missing.
# Usage: scripts/install-deps.sh [build|run|test]... (default: build)
# Idempotent and quiet; uses sudo only when not already root.
set -euo pipefail

build_pkgs=(pkg-config libssl-dev libncurses-dev libpcsclite-dev libzbar-dev libqrencode-dev
  libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev libwebp-dev libgif-dev libtiff-dev libsqlite3-dev
  libcurl4-openssl-dev)
run_pkgs=(pcscd vsmartcard-vpcd libccid jq util-linux)
test_pkgs=(oathtool qrencode zint zbar-tools tmux procps jq xxd imagemagick time fonts-dejavu-core sqlite3
  python3-pyscard gcc
  cups cups-client cups-filters printer-driver-cups-pdf poppler-utils pskctool python3-pskc)

wanted=()
for group in "${@:-build}"; do
  case "$group" in
    build) wanted+=("${build_pkgs[@]}") ;;
    run) wanted+=("${build_pkgs[@]}" "${run_pkgs[@]}") ;;
    test) wanted+=("${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}") ;;
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
want_venv=false
for group in "${@:-build}"; do [[ $group == test ]] && want_venv=true; done
if [[ ${#missing[@]} -eq 0 ]]; then
  if $want_venv; then ensure_privacyidea_venv; fi
  exit 0
fi

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if $want_venv; then ensure_privacyidea_venv; fi
