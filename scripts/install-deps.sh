#!/usr/bin/env bash
# Installs the Debian packages tokenburner needs, only those that are missing.
# Usage: scripts/install-deps.sh [build|run|test]... (default: build)
# Idempotent and quiet; uses sudo only when not already root.
set -euo pipefail

build_pkgs=(pkg-config libssl-dev libncurses-dev libpcsclite-dev libzbar-dev libqrencode-dev
  libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev libwebp-dev libgif-dev libtiff-dev libsqlite3-dev
  libpq-dev)
# postgresql-15: the server a team registry runs on, and the private cluster of `make test`
# (scripts/postgres-sandbox.sh, which also needs openssl and python3).
run_pkgs=(pcscd vsmartcard-vpcd libccid jq util-linux postgresql-15 postgresql-client-15 openssl python3)
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

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
