#!/usr/bin/env bash
# The VS Code extension's CI: in a copy of editors/vscode under the build tree (so the source
# tree gets no node_modules), installs the locked npm packages, then either
#   package: type-checks (tsc), bundles (esbuild) and packages the .vsix (@vscode/vsce), offline;
#   server:  runs the Node tests, which launch the real amlls as the extension does.
#   vscode_test.sh <package|server> <extension dir> <work dir> [<amlls> <corpus dir>]
# Exits 77 (skipped) when node/npm are missing or the packages cannot be installed (offline).
set -euo pipefail
mode=$1 src=$2 work=$3
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }

mkdir -p "$work"
# Both tests share one node_modules; the first to get the lock installs it.
exec 9>"$work/.install.lock"
flock 9
if [ ! -d "$work/node_modules" ] || ! cmp -s "$src/package-lock.json" "$work/package-lock.json"; then
  cp "$src/package.json" "$src/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund >npm.log 2>&1) ||
    { cat "$work/npm.log"; rm -f "$work/package-lock.json"; echo "SKIP: npm ci failed"; exit 77; }
fi
flock -u 9

# Sources are copied afresh each run; each mode works in its own folder so that they can run
# in parallel.
tree="$work/$mode"
rm -rf "$tree"; mkdir -p "$tree"
cp -r "$src/src" "$src/test" "$src/package.json" "$src/tsconfig.json" \
  "$src/esbuild.mjs" "$src/.vscodeignore" "$src/README.md" "$tree/"
ln -s "$work/node_modules" "$tree/node_modules"
cd "$tree"

case $mode in
package)
  # `vsce package` runs `vscode:prepublish`: tsc --noEmit, then esbuild. Nothing here may need
  # the network, so it runs without one where the machine allows.
  offline=()
  if unshare -rn true 2>/dev/null; then offline=(unshare -rn); fi
  "${offline[@]}" npx --no-install vsce package --no-dependencies --skip-license \
    --allow-missing-repository -o dist/amllint.vsix
  # The .vsix is a zip; what VS Code loads from it must be there.
  node -e '
    const data = require("fs").readFileSync("dist/amllint.vsix");
    for (const name of ["extension/package.json", "extension/dist/extension.js", "extension/README.md",
                        "extension.vsixmanifest"]) {
      if (!data.includes(Buffer.from(name))) { console.error("FAIL: " + name + " missing from the .vsix"); process.exit(1); }
    }
    if (data.includes(Buffer.from("extension/node_modules/")) || data.includes(Buffer.from("extension/src/"))) {
      console.error("FAIL: sources or node_modules in the .vsix"); process.exit(1);
    }'
  grep -q 'vscode-languageclient\|LanguageClient' dist/extension.js || { echo "FAIL: the client is not bundled"; exit 1; }
  echo "PASS: dist/amllint.vsix ($(wc -c < dist/amllint.vsix) bytes)"
  ;;
server)
  amlls=$4 corpus=$5
  # Tests are type-checked with the extension (tsconfig.json), so here they are only transpiled.
  npm run --silent build:test
  AMLLS=$amlls AMLLINT_CORPUS=$corpus node --test out/test/
  ;;
*)
  echo "unknown mode $mode"; exit 2 ;;
esac
