#!/usr/bin/env bash
# NR Lab developer entry point. On a fresh Debian 12 machine:
#   ./dev.sh run    install what is missing, build a Release build, launch nrlab (extra arguments go to nrlab)
#   ./dev.sh test   install what is missing, build, run the whole test suite (GUI tests under xvfb-run)
#   ./dev.sh check  the same, plus an AddressSanitizer/UBSan build running the core, cli and ui tests, and each
#                   libFuzzer target for FUZZ_SECONDS (default 60) — what CI runs after the tests
#   ./dev.sh web    install what the web edition needs, build it into build-web/site/, serve it on 127.0.0.1
#                   (PORT, default 8000); ./dev.sh web build only builds; ./dev.sh web test builds both editions
#                   and runs the browser test (CTest label web) — what CI runs last
# All are idempotent: the install is skipped when everything is present and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake g++ pkg-config make python3
  libimgui-dev libglfw3-dev libeigen3-dev libepoxy-dev libstb-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libbenchmark-dev libfontconfig-dev libfreetype-dev fonts-noto-cjk fonts-dejavu-core
  xvfb xauth libgl1-mesa-dri libegl1 libegl-mesa0
)
CHECK_PACKAGES=(clang-14 libclang-rt-14-dev)
# The web edition: Debian's emscripten 3.1.6 (clang/lld 14, binaryen), fontTools to subset the fonts; chromium,
# node and npm for its browser test (playwright-core from npm drives Debian's chromium).
WEB_PACKAGES=(emscripten python3-fonttools xz-utils)
WEB_TEST_PACKAGES=(chromium)  # and nodejs + npm when no node/npm is installed yet (another node may be present)
BUILD_DIR=${NR_BUILD_DIR:-build}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
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

# Dear ImGui 1.86's sources from Debian's own source package, fetched with a private sources list and state
# directory under .cache/ so the machine's apt configuration is not touched.
imgui_sources() {
  local cache=.cache/web dir=.cache/web/imgui-1.86
  [ -f "$dir/imgui.cpp" ] && { echo "$PWD/$dir"; return; }
  mkdir -p "$cache/lists/partial"
  local src=/etc/apt/sources.list.d/debian.sources uris suites
  uris=$(awk '/^URIs:/ {print $2; exit}' "$src" 2>/dev/null || true)
  suites=$(awk '/^Suites:/ {print $2; exit}' "$src" 2>/dev/null || true)
  cat > "$cache/src.sources" <<EOF2
Types: deb-src
URIs: ${uris:-http://deb.debian.org/debian}
Suites: ${suites:-bookworm}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF2
  local opts=(-o "Dir::Etc::SourceList=$PWD/$cache/src.sources" -o Dir::Etc::SourceParts=- \
              -o "Dir::State::Lists=$PWD/$cache/lists" -o Debug::NoLocking=1)
  apt-get "${opts[@]}" update -q >&2
  (cd "$cache" && apt-get "${opts[@]}" source --download-only imgui=1.86+ds-1 >&2)
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xJf "$cache"/imgui_1.86+ds.orig.tar.xz -C "$dir" --strip-components=1
  [ -f "$dir/imgui.cpp" ] || { echo "dev.sh: Dear ImGui's sources were not found in Debian's package" >&2; exit 1; }
  echo "$PWD/$dir"
}

web_build() {
  install_missing "${WEB_PACKAGES[@]}"
  local imgui
  imgui=$(imgui_sources)
  export NODE_PATH=/usr/share/nodejs  # emscripten's own node modules (acorn) live there on Debian
  if [ ! -f build-web/CMakeCache.txt ]; then
    emcmake cmake -S . -B build-web -DCMAKE_BUILD_TYPE=Release -DNR_IMGUI_SRC="$imgui"
  fi
  cmake --build build-web -j "$(nproc)"
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
  check)
    install_missing "${CHECK_PACKAGES[@]}"
    # One clang build serves both checks: AddressSanitizer + UBSan on everything, plus libFuzzer's coverage
    # instrumentation (harmless for the tests), so the fuzz targets link against the same objects.
    if [ ! -f build-check/CMakeCache.txt ]; then
      cmake -S . -B build-check -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 \
        -DNR_SANITIZE=ON -DNR_FUZZ=ON -DNR_BUILD_BENCH=OFF
    fi
    cmake --build build-check -j "$(nproc)"
    # 1. Sanitizers: every core, command-line and UI test (the GL tests run Mesa, whose own leaks are not ours).
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
      ctest --test-dir build-check -L 'core|cli|ui|lessons' --output-on-failure -j "$(nproc)"
    # 2. Fuzzing: each reader of outside input for a bounded time, starting from the seed corpus (and the inputs
    #    of past crashes, kept there as regression tests). A crash fails the check and leaves crash-* behind.
    for target in tests/fuzz/corpus/*/; do
      name=$(basename "$target")
      mkdir -p "build-check/corpus-$name"
      echo "dev.sh: fuzzing $name for ${FUZZ_SECONDS:-60} s"
      extra=()
      # Scenes: inputs up to 1 MB (the scene limit), so nesting far deeper than any recursion can take is reached,
      # and a dictionary of the scene keys and lesson ids.
      [ "$name" = scene ] && extra=(-max_len=1048576 -dict=../tests/fuzz/scene.dict)
      if ! (cd build-check && LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp "./tests/fuzz/${name}_fuzz" \
          -max_total_time="${FUZZ_SECONDS:-60}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" \
          "corpus-$name" "../tests/fuzz/corpus/$name" > "fuzz-$name.log" 2>&1); then
        tail -n 60 "build-check/fuzz-$name.log"
        echo "dev.sh: the $name fuzzer found a failure; its input is in build-check/ (crash-*)" >&2
        exit 1
      fi
      grep -E "^stat::(number_of_executed_units|new_units_added)" "build-check/fuzz-$name.log" || true
    done
    ;;
  web)
    web_build
    [ "${1:-}" = build ] && exit 0
    if [ "${1:-}" = test ]; then
      if command -v node >/dev/null && command -v npm >/dev/null; then
        install_missing "${WEB_TEST_PACKAGES[@]}"
      else
        install_missing "${WEB_TEST_PACKAGES[@]}" nodejs npm
      fi
      build
      ctest --test-dir "$BUILD_DIR" -L web --output-on-failure
      exit 0
    fi
    port=${PORT:-8000}
    echo "dev.sh: NR Lab is at http://127.0.0.1:$port/ (Ctrl+C stops the server)"
    exec /usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory build-web/site
    ;;
  *)
    echo "usage: ./dev.sh run [nrlab arguments...] | test [ctest arguments...] | check | web [build]" >&2
    exit 2
    ;;
esac
