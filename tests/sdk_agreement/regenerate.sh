#!/usr/bin/env bash
# Regenerates the seeded faults and the SDK's verdicts on them (and on the unmodified corpus).
# Needs the SDK oracle (../shared/tools/sdk-oracle/setup.sh, once) and Debian's python3-yaml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
start=$(date +%s)
/usr/bin/python3 "$here/generate_faults.py" "$@"
mid=$(date +%s)
/usr/bin/python3 "$here/sdk_verdicts.py"
end=$(date +%s)
echo "generator $((mid - start)) s, oracle $((end - mid)) s" >&2
