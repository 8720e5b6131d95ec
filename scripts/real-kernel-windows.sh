#!/usr/bin/env bash
# Regenerates bench/results/real-kernel-windows.md: how often the two windows of today's
# two-stage GEM_CLOSE open on Debian's kernels (primeprops kernel --repro), then the catalog
# rows that modern claims fixed. Needs every kernel prepared:
#   for k in 6.1 6.12; do scripts/kernel-lane.sh --kernel $k; scripts/kernel-lane.sh --kernel $k --rt; done
# Environment: RUNS (default 50000) per window and stock kernel, RT_RUNS (20000) per window on
# the PREEMPT_RT builds, ROW_RUNS (5000) per catalog row on 6.1, JITTER (1000) spins.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-50000} rt_runs=${RT_RUNS:-20000} row_runs=${ROW_RUNS:-5000} jitter=${JITTER:-1000}
out=bench/results/real-kernel-windows.md
logs=out/real-kernel-windows
mkdir -p "$logs"
# A private copy of the CLI, so rebuilding the checkout meanwhile does not touch a long run.
dotnet build src/PrimeProps.Cli -c Release -v quiet -nologo >/dev/null
rm -rf "$logs/cli" && cp -r src/PrimeProps.Cli/bin/Release/net10.0 "$logs/cli"
windows=(fuzz-corpus/catalog/modern-reimport-returns-a-closing-handle.scn fuzz-corpus/catalog/modern-flink-enoent-while-gem-open-succeeds.scn)

rows=()
repro() { # FILE KERNEL RT RUNS
  local file=$1 kernel=$2 rt=$3 n=$4 name log cmd
  name="$(basename "$file" .scn)-$kernel${rt:+-rt}"
  log="$logs/$name.log"
  cmd="./primeprops kernel --repro $file --runs $n --kernel $kernel${rt:+ --rt} --jitter $jitter"
  echo "$cmd" >&2
  dotnet "$logs/cli/PrimeProps.Cli.dll" kernel --repro "$file" --runs "$n" --kernel "$kernel" ${rt:+--rt} --jitter "$jitter" > "$log" 2>&1 || true
  local summary release violating alarms
  summary=$(grep -E "^kernel .*violating outcome in" "$log" || echo "kernel ?: no summary (see $log)")
  release=$(sed -E 's/^kernel ([^:]*):.*/\1/' <<<"$summary")
  violating=$(sed -nE 's/.*violating outcome in ([0-9]+ of [0-9]+) runs.*/\1/p' <<<"$summary")
  alarms=$(sed -nE 's/.* ([0-9]+) kernel alarm.*/\1/p' <<<"$summary")
  rows+=("| \`$(basename "$file")\` | $release | ${violating:-?} | ${alarms:-?} | \`$cmd\` |")
  write
}

write() {
  {
    echo "# The two-stage GEM_CLOSE windows on real kernels"
    echo
    echo "Regenerate: \`scripts/real-kernel-windows.sh\` (RUNS=$runs, RT_RUNS=$rt_runs, ROW_RUNS=$row_runs, JITTER=$jitter)."
    echo "Each run: the scenario's setup, its threads released together by a barrier on a 2-vCPU guest"
    echo "(qemu TCG, multi-threaded), every fd closed before the next run; each thread first spins a"
    echo "random number of iterations below JITTER. \"Violating\" counts runs whose outcome the model"
    echo "(\`modern\`) produces only non-linearizably, or cannot produce at all; alarms are kernel log"
    echo "lines with WARNING, BUG, Oops and the like. Measured on a shared 2-core machine under heavy load:"
    echo "the rates depend on timing, so re-measure before quoting them."
    echo
    echo "| scenario | kernel | violating runs | alarms | command |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
  } > "$out.tmp"
  mv "$out.tmp" "$out"
}

for kernel in 6.1 6.12; do
  for file in "${windows[@]}"; do repro "$file" "$kernel" "" "$runs"; done
done
for kernel in 6.1 6.12; do
  for file in "${windows[@]}"; do repro "$file" "$kernel" rt "$rt_runs"; done
done
# The catalog rows modern claims fixed: every outcome should be a linearizable one of the model.
for file in fuzz-corpus/catalog/row*.scn; do
  grep -q '^thread ' "$file" && repro "$file" 6.1 "" "$row_runs" # a row without threads has no race to repeat
done
echo "wrote $out" >&2
