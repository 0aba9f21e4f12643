#!/usr/bin/env bash
# What a user installs, checked in a temporary folder:
#   install: `cmake --install` into a prefix; the installed amllint lints examples/, its rule pages
#            are `amllint --explain`'s, and Neovim (when installed) finds the plugin and
#            `:help amllint` with no configuration (XDG_DATA_DIRS pointing at the prefix).
#   deb:     `cpack -G DEB` makes amllint_<version>_<arch>.deb with the same files under /usr and
#            the shared libraries' packages as dependencies. Exits 77 (skipped) without
#            dpkg-shlibdeps or file (`scripts/setup.sh --tests` installs them).
#   package_test.sh <install|deb> <build dir> <source dir>
set -euo pipefail
mode=$1 build=$2 src=$3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
version=$("$build/bin/amllint" --version | awk '{print $2}')
plugin=share/nvim/site/pack/amllint/start/amllint
expected=(bin/amllint bin/amlls share/man/man1/amllint.1 share/man/man1/amlls.1
  share/doc/amllint/README.md share/doc/amllint/LICENSE share/doc/amllint/rules/unknown-key.md
  $plugin/lua/amllint/init.lua $plugin/lua/amllint/detect.lua $plugin/lsp/amllint.lua
  $plugin/doc/amllint.txt $plugin/doc/tags)
rule_pages=$(ls "$src"/docs/rules/*.md | wc -l)

case $mode in
install)
  prefix=$work/usr
  cmake --install "$build" --prefix "$prefix" >/dev/null
  for f in "${expected[@]}"; do check "installs $f" "[ -f '$prefix/$f' ]"; done
  check "installs every rule page ($rule_pages)" "[ \$(ls '$prefix'/share/doc/amllint/rules/*.md | wc -l) -eq $rule_pages ]"
  check "the installed rule page is what --explain prints" \
    "cmp -s '$prefix/share/doc/amllint/rules/unknown-key.md' <('$prefix/bin/amllint' --explain unknown-key)"
  check "the installed amllint is version $version" "[ \"\$('$prefix/bin/amllint' --version)\" = 'amllint $version' ]"
  check "the installed amlls is version $version" "[ \"\$('$prefix/bin/amlls' --version)\" = 'amlls $version' ]"
  check "the installed amllint lints examples/ clean" "(cd '$src' && '$prefix/bin/amllint' examples/ 2>/dev/null)"
  if command -v nvim >/dev/null; then
    # -u NORC: no user config, but packages load as on a user's machine.
    result=$(cd "$work" && XDG_DATA_DIRS=$prefix/share XDG_CONFIG_HOME=$work/c XDG_DATA_HOME=$work/d \
      XDG_STATE_HOME=$work/s XDG_CACHE_HOME=$work/k timeout 30 nvim --headless -u NORC -i NONE -n \
      -c 'lua local ok = pcall(require, "amllint"); local lsp = #vim.api.nvim_get_runtime_file("lsp/amllint.lua", false); local help = pcall(vim.cmd, "help amllint") and vim.fn.expand("%:t") or "none"; io.stdout:write(("require=%s lsp=%d help=%s\n"):format(tostring(ok), lsp, help))' \
      -c 'qall!' </dev/null 2>&1 | tr -d '\r')
    check "Neovim loads the installed plugin and its :help ($result)" \
      "[ '$result' = 'require=true lsp=1 help=amllint.txt' ]"
  else
    echo "skip Neovim checks: nvim not installed"
  fi
  ;;
deb)
  command -v dpkg-shlibdeps >/dev/null && command -v file >/dev/null ||
    { echo "SKIP: dpkg-shlibdeps or file not installed"; exit 77; }
  (cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
  deb=$(ls "$work"/amllint_*.deb)
  check "the package is named amllint_${version}_<arch>.deb ($(basename "$deb"))" \
    "[ '$(basename "$deb")' = 'amllint_${version}_$(dpkg --print-architecture).deb' ]"
  dpkg-deb --contents "$deb" | awk '{print $6}' > "$work/contents"
  for f in "${expected[@]}"; do check "packs /usr/$f" "grep -qx './usr/$f' '$work/contents'"; done
  depends=$(dpkg-deb --field "$deb" Depends)
  echo "Depends: $depends"
  check "depends on the yaml-cpp and fmt libraries" "grep -q 'libyaml-cpp' <<<'$depends' && grep -q 'libfmt' <<<'$depends'"
  dpkg-deb --extract "$deb" "$work/root"
  check "the packed amllint is stripped" "! file '$work/root/usr/bin/amllint' | grep -q 'not stripped'"
  check "the packed amllint runs" "[ \"\$('$work/root/usr/bin/amllint' --version)\" = 'amllint $version' ]"
  ;;
*) echo "unknown mode $mode"; exit 2 ;;
esac
[ $fail -eq 0 ] && echo PASS
exit $fail
