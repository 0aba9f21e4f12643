#!/usr/bin/env bash
# Runs the libFuzzer harnesses of tests/fuzz for as long as asked:
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     (default: 60 s each, every harness)
#
# Builds them with clang, ASan and UBSan into build-fuzz/ (or $AMLLINT_FUZZ_BUILD_DIR; .ci/run
# passes its sanitizer tree), seeds a corpus per harness there from tests/fuzz/seeds/, past
# findings (tests/fuzz/regressions/), tests/fixtures and ../shared/corpus, and runs the
# harnesses niced, $AMLLINT_FUZZ_JOBS at a time (default 1). The corpus grows between runs.
# A finding is saved under build-fuzz/fuzz-artifacts/<harness>/ and makes the script fail; keep
# it as a test by copying it to tests/fuzz/regressions/<harness>/ once fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AMLLINT_FUZZ_BUILD_DIR:-$root/build-fuzz}
# Absolute: the server harness works in a folder of its own.
mkdir -p "$build" && build=$(cd "$build" && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
all=(analysis yaml_tree expressions references server features incremental)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
jobs=${AMLLINT_FUZZ_JOBS:-1}
shared=$root/../shared/corpus

if [ ! -f "$build/CMakeCache.txt" ]; then
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="${CXX:-clang++-14}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMLLINT_SANITIZE=address,undefined -DAMLLINT_FUZZ=ON \
    -DAMLLINT_TEST_SUBDIRS="server;fuzz" "${launcher[@]}" >/dev/null
fi
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "${h}_fuzz"); done
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" "${targets[@]}"

# Seeds that are not in the repository, made afresh each run (the corpus keeps what it learnt).
yaml_files() {
  find "$root/tests/fixtures" -name '*.y*ml'
  [ -d "$shared" ] && find "$shared" -name '*.y*ml'
  return 0
}
seeds_for() {
  local h=$1 dir=$build/fuzz-seeds/$1
  rm -rf "$dir" && mkdir -p "$dir"
  case $h in
    analysis | features | yaml_tree | expressions)
      yaml_files | while read -r f; do cp "$f" "$dir/$(echo "$f" | cksum | cut -d' ' -f1).yml"; done
      ;;
    incremental)
      # Each file behind one edit (count 0, offset, erase 1, insert 1 byte "x"), at an offset of
      # its own: libFuzzer mutates the edit and the text from there.
      yaml_files | while read -r f; do
        local sum size off head
        sum=$(cksum <"$f" | cut -d' ' -f1) size=$(wc -c <"$f")
        off=$((sum % (size + 1)))
        head=$(printf '\\x00\\x%02x\\x%02x\\x01\\x01x' $((off & 255)) $((off >> 8 & 255)))
        { printf "$head"; cat "$f"; } >"$dir/$sum.bin"
      done
      ;;
    server)
      command -v python3 >/dev/null 2>&1 &&
        { yaml_files | head -n 60 | xargs python3 "$root/tests/fuzz/make_server_seeds.py" "$dir" || true; }
      ;;
  esac
  echo "$dir"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
command -v llvm-symbolizer-14 >/dev/null 2>&1 &&
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14)}

run_one() {
  local h=$1
  local corpus=$build/fuzz-corpus/$h artifacts=$build/fuzz-artifacts/$h/ log=$build/fuzz-logs/$h.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  local dirs=("$root/tests/fuzz/seeds/$h" "$(seeds_for "$h")")
  [ -d "$root/tests/fuzz/regressions/$h" ] && dirs+=("$root/tests/fuzz/regressions/$h")
  local start=$SECONDS status=0 TIMEFORMAT='%U %S' user sys
  set +e
  { time nice -n 10 "$build/bin/${h}_fuzz" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "${dirs[@]}" \
    >"$log" 2>&1; } 2>"$log.cpu"
  status=$?
  set -e
  read -r user sys <"$log.cpu" || true
  # The last status line ("#N DONE cov: C ft: F corp: ...") and the execution count.
  local last execs
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -E 's/^#[0-9]+[[:space:]]+[A-Z]+[[:space:]]+//' || true)
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  printf '%-12s %s  execs: %s  wall: %ds  cpu: %ss  %s\n' "$h" \
    "$([ $status -eq 0 ] && echo ok || echo "FAILED ($status)")" "${execs:-?}" \
    $((SECONDS - start)) "$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN{printf "%.0f", u+s}')" \
    "$last"
  if [ $status -ne 0 ]; then
    grep -E 'ERROR|fuzz check failed|runtime error|Test unit written' "$log" | head -n 5 | sed 's/^/    /' || true
    echo "    log: $log"
  fi
  return $status
}

failed=0
running=0
for h in "${harnesses[@]}"; do
  run_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit $failed
