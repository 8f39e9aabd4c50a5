#!/usr/bin/env bash
# Installs what gilsim needs (Debian 12 packages) when it is missing, then
# configures and builds one build tree.
#
#   scripts/bootstrap.sh [BUILD_DIR] [CMAKE_BUILD_TYPE] [extra cmake args...]
#
# Defaults: build/ and Release.  Set CI=true to make warnings errors.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$here/build}"
build_type="${2:-Release}"
shift $(( $# > 2 ? 2 : $# )) || true

packages=(g++ cmake ninja-build pkg-config libboost-context-dev librapidcheck-dev libfmt-dev
          libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v python3.11 >/dev/null 2>&1; then
  missing+=(python3.11)
fi
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
  -DGILSIM_WERROR="$werror" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
