#!/usr/bin/env bash
# Validates `amllint --format sarif` with Microsoft's own validator (npm @microsoft/sarif-multitool):
# the output for the whole corpus plus copies seeded with one fault of each kind, so that results,
# rules and regions are all exercised, under the SARIF rules and under GitHub's (Gh;Ghas). Any
# validator error, warning or note fails the test.
#   sarif_validate.sh <amllint> <corpus dir> <work dir>
# Exits 77 (skipped) when node/npm are missing or the validator cannot be installed (offline).
set -euo pipefail
amllint=$1 corpus=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }

mkdir -p "$work"
tool="$work/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -e "$tool" ] || ! cmp -s "$here/sarif/package-lock.json" "$work/package-lock.json"; then
  cp "$here/sarif/package.json" "$here/sarif/package-lock.json" "$work/"
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund >npm.log 2>&1) ||
    { cat "$work/npm.log"; echo "SKIP: cannot install the validator"; exit 77; }
fi
# npm blocks the package's install script, which only marks the binary executable.
chmod u+x "$tool"

faults=$(mktemp -d); trap 'rm -rf "$faults"' EXIT
iris="$corpus/cli/jobs/single-step/scikit-learn/iris/job.yml"
hello="$corpus/cli/jobs/basics/hello-world.yml"
sed 's/display_name:/dispaly_name:/' "$iris" > "$faults/misspelled key.yml"  # a space to encode
sed 's/type: uri_file/type: uri_fil/' "$iris" > "$faults/enum.yml"
sed 's/^command: >-/command: [1, 2]\nx: >-/' "$iris" > "$faults/type.yml"
{ cat "$hello"; echo 'command: again'; } > "$faults/duplicate.yml"
printf 'type: command\ncommand: "unclosed\n' > "$faults/syntax.yml"
printf 'type: command\ncommand: caf\xe9 \xe2\x9c\x93\n' > "$faults/latin1.yml"

out="$work/amllint.sarif"
status=0
(cd "$(dirname "$corpus")" && "$amllint" --format sarif "$(basename "$corpus")" "$faults") > "$out" || status=$?
[ "$status" -le 1 ] || { echo "FAIL: amllint exited $status"; exit 1; }
grep -q '"ruleId": "unknown-key"' "$out" || { echo "FAIL: the seeded faults are missing from the SARIF"; exit 1; }

# The SARIF specification's rules (the default), then GitHub's own for code scanning upload
# (Gh: e.g. GH2012, rules need fullDescription and help; Ghas: Advanced Security).
for kinds in Sarif "Gh;Ghas"; do
  report=$("$tool" validate "$out" -o "$work/validation.sarif" --log ForceOverwrite --rule-kind "$kinds" 2>&1) || true
  echo "--rule-kind $kinds:"
  echo "$report"
  if grep -Eq '(error|warning|note) [A-Z]+[0-9]+:' <<<"$report" || ! grep -q 'Analysis completed successfully' <<<"$report"; then
    echo "FAIL: sarif-multitool (--rule-kind $kinds) reported problems"
    exit 1
  fi
done
echo "PASS: $(grep -c '"ruleId"' "$out") results validated"
