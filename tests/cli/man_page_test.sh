#!/usr/bin/env bash
# The man pages keep up with the binaries: every option that `--help` lists is documented, the
# version is the binary's, and groff renders the page without a warning (when groff is there).
#   man_page_test.sh <program> <man page>
set -euo pipefail
program=$1 page=$2
name=$(basename "$program")
fail=0
# The long options of the help text, e.g. --max-warnings; in roff each '-' is written '\-'.
for option in $("$program" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  roff=${option//-/\\-}
  grep -qF -- "$roff" "$page" || { echo "FAIL: $option of $name --help is not in $page"; fail=1; }
done
version=$("$program" --version | awk '{print $2}')
grep -q "^\.TH .* \"amllint $version\"" "$page" || { echo "FAIL: $page does not say version $version"; fail=1; }
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: groff: $warnings"; fail=1; }
fi
[ $fail -eq 0 ] && echo "PASS: $page documents every option of $name --help"
exit $fail
