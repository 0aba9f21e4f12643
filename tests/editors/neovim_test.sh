#!/usr/bin/env bash
# Runs the Neovim plugin against the real server in Debian's headless Neovim (0.7.2 on
# bookworm) over copies of corpus files with a seeded fault.
#   neovim_test.sh <amlls> <corpus dir> <plugin dir>
# Exits 77 (skipped) when `nvim` is missing; `scripts/setup.sh --tests` installs it.
set -euo pipefail
amlls=$1 corpus=$2 plugin=$3
here=$(cd "$(dirname "$0")" && pwd)
command -v nvim >/dev/null || { echo "SKIP: nvim not installed"; exit 77; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/specs"
sed 's/^display_name:/dispaly_name:/' "$corpus/cli/jobs/single-step/scikit-learn/iris/job.yml" > "$work/job.yml"
grep -q '^dispaly_name:' "$work/job.yml"
# The job's code folder, which must exist beside it (missing-referenced-path).
cp -r "$corpus/cli/jobs/single-step/scikit-learn/iris/src" "$work/src"
grep -v '^\$schema:' "$corpus/cli/jobs/basics/hello-world.yml" > "$work/specs/hello.yml"
printf 'name: not-azure-ml\non: [push]\njobs: {}\n' > "$work/workflow.yml"

# The shipped doc/tags is what :helptags makes of the help file today.
mkdir -p "$work/doc"
cp "$plugin/doc/amllint.txt" "$work/doc/"
nvim --headless -u NONE -i NONE -n -c "helptags $work/doc" -c 'qall!' </dev/null
cmp -s "$work/doc/tags" "$plugin/doc/tags" ||
  { echo "FAIL: editors/neovim/doc/tags is stale: run :helptags editors/neovim/doc"; diff "$work/doc/tags" "$plugin/doc/tags" || true; exit 1; }
echo "ok   doc/tags is up to date"

# No user config, shada or swap files: only the plugin under test. `timeout` guards against a
# hang that Neovim's own waits would not catch (e.g. a blocked stdin).
export AMLLS=$amlls JOB_FILE=$work/job.yml PLAIN_FILE=$work/workflow.yml GLOBBED_FILE=$work/specs/hello.yml
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
cd "$work"
timeout 60 nvim --headless -u NONE -i NONE -n \
  --cmd "set rtp^=$plugin" -c "luafile $here/neovim_test.lua" </dev/null
