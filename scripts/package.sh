#!/usr/bin/env bash
# Builds what a user installs, into build-package/ (or $AMLLINT_PACKAGE_DIR):
#   amllint_<version>_<arch>.deb   amllint, amlls, their man pages, the rule docs and the Neovim
#                                  plugin (cpack -G DEB; depends on Debian's yaml-cpp and fmt)
#   amllint-linux-x64.vsix         with --vsix: the VS Code extension with amlls inside (npm)
#   scripts/package.sh [--vsix]
# Configured for /usr, without tests, in a build folder of its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${AMLLINT_PACKAGE_DIR:-$root/build-package}
vsix=false
for arg in "$@"; do
  case $arg in
  --vsix) vsix=true ;;
  *) echo "usage: scripts/package.sh [--vsix]" >&2; exit 2 ;;
  esac
done

"$root/scripts/setup.sh" --package
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMLLINT_BUILD_TESTS=OFF \
  -DCMAKE_INSTALL_PREFIX=/usr "${launcher[@]}" >/dev/null
cmake --build "$out" -j"$(nproc 2>/dev/null || echo 2)"
# CPack strips the binaries and asks dpkg-shlibdeps for the libraries' packages.
(cd "$out" && cpack -G DEB >/dev/null)
deb=$(ls "$out"/amllint_*.deb)
echo "$deb"
dpkg-deb --field "$deb" Package Version Architecture Depends

if $vsix; then
  "$root/editors/vscode/build-vsix.sh" "$out/bin/amlls" "$out/vscode" "$out/amllint-linux-x64.vsix"
  echo "$out/amllint-linux-x64.vsix"
fi
