#!/usr/bin/env bash
# Installs everything the tests use, builds everything, and runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --tests
"$root/scripts/build.sh"
cd "${AMLLINT_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)" --timeout 600
