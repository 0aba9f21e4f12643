#!/usr/bin/env bash
# Configures and builds into build/ (or $AMLLINT_BUILD_DIR). Extra arguments are build targets.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AMLLINT_BUILD_DIR:-$root/build}
tests=${AMLLINT_BUILD_TESTS:-ON}
launcher=()
# A developer's ccache (if installed) shares objects between build folders; CI has none.
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMLLINT_BUILD_TESTS="$tests" \
  "${launcher[@]}" >/dev/null
# clangd and other tools find the compile commands at the root (the link is not committed).
[ -e "$root/compile_commands.json" ] || [ -L "$root/compile_commands.json" ] ||
  ln -s "$build/compile_commands.json" "$root/compile_commands.json"
jobs=$(nproc 2>/dev/null || echo 2)
if [ $# -gt 0 ]; then
  for t in "$@"; do cmake --build "$build" -j"$jobs" --target "$t"; done
else
  cmake --build "$build" -j"$jobs"
fi
