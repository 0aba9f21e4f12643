#!/usr/bin/env bash
# Configures and builds into build/ (or $AMLLINT_BUILD_DIR). Extra arguments are build targets.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AMLLINT_BUILD_DIR:-$root/build}
tests=${AMLLINT_BUILD_TESTS:-ON}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMLLINT_BUILD_TESTS="$tests" >/dev/null
jobs=$(nproc 2>/dev/null || echo 2)
if [ $# -gt 0 ]; then
  for t in "$@"; do cmake --build "$build" -j"$jobs" --target "$t"; done
else
  cmake --build "$build" -j"$jobs"
fi
