#!/usr/bin/env bash
# `amllint graph` over every pipeline of the corpus, in both formats, each output parsed by a
# real parser (check_graph.mjs: Mermaid's parser under jsdom, Graphviz in WebAssembly). Every
# file the corpus classifies as a pipeline must render, and nothing else may claim to be one.
#   graph_check.sh <amllint> <corpus dir (holding classification.csv)> <work dir> <source dir>
# Exits 77 (skipped) when node/npm are missing or the packages cannot be installed (offline).
set -euo pipefail
amllint=$1 corpus=$2 work=$3 src=$(cd "$4" && pwd)
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm not installed"; exit 77; }
mkdir -p "$work"
if [ ! -d "$work/node_modules" ] || ! cmp -s "$src/package-lock.json" "$work/package-lock.json"; then
  cp "$src/package.json" "$src/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund >npm.log 2>&1) ||
    { cat "$work/npm.log"; rm -f "$work/package-lock.json"; echo "SKIP: npm ci failed"; exit 77; }
fi
cp "$src/check_graph.mjs" "$work/"
out="$work/out"
rm -rf "$out"; mkdir -p "$out"

expected=$(awk -F, '$6 == "pipeline-job" || $6 == "pipeline-component" {print $2}' "$corpus/classification.csv" | sort)
rendered=()
start=$(date +%s%N)
while IFS= read -r -d '' f; do
  rel=${f#"$corpus/"}
  name=$(echo "$rel" | tr '/' '_')
  if "$amllint" graph "$f" >"$out/$name.mmd" 2>"$out/$name.err"; then
    "$amllint" graph --format dot "$f" >"$out/$name.dot"
    rendered+=("$rel")
  else
    rm -f "$out/$name.mmd"
  fi
done < <(find "$corpus/azureml-examples" \( -name '*.yml' -o -name '*.yaml' \) -print0)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
got=$(printf '%s\n' "${rendered[@]}" | sort)
if [ "$got" != "$expected" ]; then
  echo "FAIL: the files amllint graph accepts differ from the corpus's pipelines:"
  diff <(echo "$expected") <(echo "$got") || true
  exit 1
fi
echo "rendered ${#rendered[@]} pipelines in both formats in ${elapsed_ms} ms (graph runs over every corpus YAML)"
# Every step of each pipeline is a node of its graph.
for rel in "${rendered[@]}"; do
  name=$(echo "$rel" | tr '/' '_')
  steps=$(grep -cE '^  s[0-9]+\["' "$out/$name.mmd" || true)
  [ "$steps" -gt 0 ] || { echo "FAIL: $rel: no steps drawn"; exit 1; }
done
cd "$work"
node check_graph.mjs "$out"/*.mmd "$out"/*.dot "$src"/fixtures/*.mmd "$src"/fixtures/*.dot
