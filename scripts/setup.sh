#!/usr/bin/env bash
# Installs the Debian packages Quarry needs (only those missing), builds
# Xapian as a static library for quarry-search (scripts/static-xapian.sh),
# then builds Quarry in Release mode into build/. Sourced by quickstart.sh
# and test.sh.
set -euo pipefail

QUARRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${QUARRY_BUILD_DIR:-$QUARRY_ROOT/build}"

install_missing_packages() {
  local wanted=() missing=()
  while read -r line; do
    line="${line%%#*}"
    line="$(echo "$line" | xargs)"
    [ -n "$line" ] && wanted+=("$line")
  done < "$QUARRY_ROOT/scripts/debian-packages.txt"
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_quarry() {
  cmake -S "$QUARRY_ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DQUARRY_WERROR=ON >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
  if readelf -d "$BUILD_DIR/searcher/quarry-search" | grep -q 'NEEDED.*libxapian'; then
    echo "setup: quarry-search links libxapian.so (a search starts about 0.9 ms slower; see scripts/static-xapian.sh)"
  else
    echo "setup: quarry-search links Xapian statically"
  fi
}

install_missing_packages
# Xapian as a static library for quarry-search (Debian's own source
# package; once, about two minutes; QUARRY_STATIC_XAPIAN=0 skips it);
# without it quarry-search links libxapian.so and starts slower.
bash "$QUARRY_ROOT/scripts/static-xapian.sh"
build_quarry
