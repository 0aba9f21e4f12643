#!/usr/bin/env bash
# Packages the platform-specific extension, amllint-linux-x64.vsix, with the given amlls inside
# as bin/amlls (the extension starts it when amllint.server.path is empty), and the amllint
# beside it as bin/amllint (it draws the pipeline graph). Works in a copy of
# this folder under <work dir>, so the source tree gets no node_modules; the locked npm packages
# are installed there once and reused while package-lock.json is unchanged.
#   build-vsix.sh <amlls> <work dir> <output .vsix>
# Exits 77 when node/npm are missing or the packages cannot be installed (e.g. offline).
set -euo pipefail
amlls=$(realpath "$1") work=$(realpath -m "$2") output=$(realpath -m "$3")
src=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }

mkdir -p "$work"
# Concurrent callers (the CTest tests) share one node_modules; the first to get the lock installs it.
exec 9>"$work/.install.lock"
flock 9
if [ ! -d "$work/node_modules" ] || ! cmp -s "$src/package-lock.json" "$work/package-lock.json"; then
  cp "$src/package.json" "$src/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund >npm.log 2>&1) ||
    { cat "$work/npm.log"; rm -f "$work/package-lock.json"; echo "SKIP: npm ci failed"; exit 77; }
fi
flock -u 9

tree="$work/vsix"
rm -rf "$tree"; mkdir -p "$tree/bin"
cp -r "$src/src" "$src/test" "$src/package.json" "$src/tsconfig.json" "$src/esbuild.mjs" \
  "$src/.vscodeignore" "$src/README.md" "$tree/"
cp "$src/../../LICENSE" "$tree/LICENSE"
# Stripped: debug information would be most of the download.
install -s -m 755 "$amlls" "$tree/bin/amlls"
if [ -x "$(dirname "$amlls")/amllint" ]; then
  install -s -m 755 "$(dirname "$amlls")/amllint" "$tree/bin/amllint"
else
  echo "note: no amllint beside $amlls; the graph command will look for amllint on PATH"
fi
ln -s "$work/node_modules" "$tree/node_modules"
cd "$tree"
# `vsce package` runs `vscode:prepublish` (tsc --noEmit, then esbuild). Nothing here needs the
# network, so it runs without one where the machine allows.
offline=()
if unshare -rn true 2>/dev/null; then offline=(unshare -rn); fi
mkdir -p "$(dirname "$output")"
"${offline[@]}" npx --no-install vsce package --target linux-x64 --no-dependencies \
  --allow-missing-repository -o "$output"
