#!/usr/bin/env bash
# The VS Code extension's CI, in a copy of editors/vscode under the build tree (so the source
# tree gets no node_modules), with the locked npm packages:
#   package: type-checks (tsc), bundles (esbuild) and packages amllint-linux-x64.vsix with this
#            amlls inside (editors/vscode/build-vsix.sh), offline;
#   server:  runs the Node tests: amlls launched as the extension launches it, and the .vsix the
#            package test made, unpacked as VS Code does, starting the server it carries.
#   vscode_test.sh <package|server> <extension dir> <work dir> <amlls> [<corpus dir>]
# Exits 77 (skipped) when node/npm are missing or the packages cannot be installed (offline).
set -euo pipefail
mode=$1 src=$2 work=$3 amlls=$4
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }
vsix="$work/amllint-linux-x64.vsix"

case $mode in
package)
  rm -f "$vsix"
  "$src/build-vsix.sh" "$amlls" "$work" "$vsix"
  # The .vsix is a zip; what VS Code loads from it must be there (the Node test unpacks it).
  node -e '
    const data = require("fs").readFileSync(process.argv[1]);
    for (const name of ["extension/package.json", "extension/dist/extension.js", "extension/README.md",
                        "extension/bin/amlls", "extension.vsixmanifest"]) {
      if (!data.includes(Buffer.from(name))) { console.error("FAIL: " + name + " missing from the .vsix"); process.exit(1); }
    }' "$vsix"
  grep -q 'vscode-languageclient\|LanguageClient' "$work/vsix/dist/extension.js" || { echo "FAIL: the client is not bundled"; exit 1; }
  echo "PASS: $vsix ($(wc -c < "$vsix") bytes)"
  ;;
server)
  corpus=$5
  mkdir -p "$work"
  # Shares node_modules with the package test; the first to get the lock installs it.
  exec 9>"$work/.install.lock"
  flock 9
  if [ ! -d "$work/node_modules" ] || ! cmp -s "$src/package-lock.json" "$work/package-lock.json"; then
    cp "$src/package.json" "$src/package-lock.json" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund >npm.log 2>&1) ||
      { cat "$work/npm.log"; rm -f "$work/package-lock.json"; echo "SKIP: npm ci failed"; exit 77; }
  fi
  flock -u 9
  [ -f "$vsix" ] || { echo "FAIL: no $vsix: the package test must run first"; exit 1; }
  tree="$work/server"
  rm -rf "$tree"; mkdir -p "$tree"
  cp -r "$src/src" "$src/test" "$src/package.json" "$src/tsconfig.json" "$tree/"
  ln -s "$work/node_modules" "$tree/node_modules"
  cd "$tree"
  # Tests are type-checked with the extension (tsconfig.json), so here they are only transpiled.
  npm run --silent build:test
  AMLLS=$amlls AMLLINT_CORPUS=$corpus AMLLINT_VSIX=$vsix node --test out/test/
  ;;
*)
  echo "unknown mode $mode"; exit 2 ;;
esac
