#!/usr/bin/env bash
# The main job: install what the build needs, build amllint, and lint the bundled examples.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
AMLLINT_BUILD_TESTS=OFF "$root/scripts/build.sh" amllint
cd "$root"
exec "${AMLLINT_BUILD_DIR:-$root/build}/bin/amllint" examples/ "$@"
