#!/usr/bin/env bash
# NR Lab developer entry point. On a fresh Debian 12 machine:
#   ./dev.sh run    install what is missing, build a Release build, launch nrlab (extra arguments go to nrlab)
#   ./dev.sh test   install what is missing, build, run the whole test suite (GUI tests under xvfb-run)
# Both are idempotent: the install is skipped when everything is present and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake g++ pkg-config make
  libimgui-dev libglfw3-dev libeigen3-dev libepoxy-dev libstb-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libbenchmark-dev libfontconfig-dev libfreetype-dev fonts-noto-cjk fonts-dejavu-core
  xvfb xauth libgl1-mesa-dri libegl1 libegl-mesa0
)
BUILD_DIR=${NR_BUILD_DIR:-build}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  # --no-install-recommends avoids ~190 MB of Vulkan/Wayland extras (see TOOLCHAIN notes in the README).
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_missing
    build
    exec "$BUILD_DIR/app/nrlab" "$@"
    ;;
  test)
    install_missing
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
    ;;
  *)
    echo "usage: ./dev.sh run [nrlab arguments...]   or   ./dev.sh test [ctest arguments...]" >&2
    exit 2
    ;;
esac
