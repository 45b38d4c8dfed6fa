#!/usr/bin/env bash
# Runs every benchmark in turn, each bounded in time, against loopback servers only. Output is
# printed and kept in bench/results/ (not committed); the figures quoted in docs/BENCHMARKS.md come
# from these runs. Run on an otherwise idle machine: the load generator shares its cores.
#   npm run bench                 all of them
#   npm run bench -- intake notify  only these
#   npm run bench -- ledger-big      the 10-million-leaf proof figures (not in the default run: minutes, 3 GB)
#   npm run bench -- fuzz            20,000 random and hostile requests over every route (not in the default run)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results

declare -A BENCH=(
  [policy]="bench/policy-evaluate.ts"
  [intake]="bench/intake.ts 10 20"
  [intake-64]="bench/intake.ts 10 64"
  [intake-usecase]="bench/intake-usecase.ts 6000 20"
  [ledger-proof]="bench/ledger-proof.ts 1000000"
  [ledger-store]="bench/ledger-store.ts"
  [ledger-big]="bench/ledger-big-tree.ts 10000000"
  [notify]="bench/notify.ts"
  [console]="bench/console.ts"
  [reports]="bench/reports.ts"
  [reading]="bench/document-reading.ts --per-kind 6 --scans 20"
  [fuzz]="bench/fuzz.ts 20000"
)
ORDER=(policy intake intake-64 intake-usecase ledger-proof ledger-store notify console reports reading)
selected=("${@:-${ORDER[@]}}")
status=0
for name in "${selected[@]}"; do
  cmd=${BENCH[$name]:-}
  if [ -z "$cmd" ]; then echo "unknown benchmark: $name (one of: ${ORDER[*]})"; status=2; continue; fi
  file=${cmd%% *}
  if [ ! -f "$file" ]; then echo "== $name: $file not present, skipped"; continue; fi
  echo "== $name ($(date -u +%Y-%m-%dT%H:%M:%SZ), node $(node --version), $(nproc) cores)"
  # shellcheck disable=SC2086
  node --import tsx $cmd 2>&1 | tee "bench/results/$name.txt" || status=1
done
exit $status
