#!/usr/bin/env bash
# Installs every Debian package the build and the tests use. Idempotent: packages already
# present are skipped, and `apt-get update` runs at most once, only when something is missing.
set -euo pipefail
packages=(
  ca-certificates g++ cmake make pkg-config git
  libyaml-cpp-dev libvalijson-dev nlohmann-json3-dev libboost-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# scripts/package.sh, and the test of the package: CPack's DEB generator needs dpkg-shlibdeps
# (dpkg-dev) and `file`.
case "${1:-}" in --package | --tests) packages+=(dpkg-dev file) ;; esac
if [ "${1:-}" = "--tests" ]; then
  packages+=(neovim shellcheck)
  # .ci/run's sanitizer build and the fuzz harnesses (scripts/fuzz.sh): clang, its ASan, UBSan
  # and libFuzzer runtimes, and llvm-symbolizer for readable stack traces.
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
  # .ci/run fails on formatting drift (the repo's .clang-format).
  packages+=(clang-format-14)
  # A machine may already have Node.js from elsewhere (its npm conflicts with Debian's npm):
  # use what is there, install Debian's only when a command is missing.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
