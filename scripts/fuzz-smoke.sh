#!/usr/bin/env bash
# CI smoke test of coverage-guided fuzzing (SharpFuzz + AFL++, `primeprops fuzz`): a fixed-seed,
# bounded campaign on v3.6 must find a race (catalog rows 1-3: GetOnZero, DanglingPointer or
# TwoDmaBufsForOneObject; the cheap sequential oracles alone do not count) and write repros that
# replay; the same budget on modern may find only the findings listed in
# fuzz-corpus/known/modern.txt, with no harness bug, unreproduced crash or hang. Installs AFL++ with apt-get only when afl-fuzz is missing
# (CI runs as root) and restores the SharpFuzz dotnet tool. Prints one line per check and
# a total ("fuzz-smoke: N of M checks passed", worded so that CI does not take it for the
# test runner's summary); exits 1 when a check failed, 2 when it could not run.
# FUZZ_SMOKE_EXECS overrides the budget (executions per campaign). Both campaigns read their inputs
# as the typed generator's choices (--input choices, the default) and run every input under 4
# extra PCT schedules (--schedules 4, the default); a seed that fails under them is triaged as a
# finding too. bench/results/fuzzing.md measures how soon such a campaign reaches rows 1-3.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
budget=(--seed 1 --execs "${FUZZ_SMOKE_EXECS:-200000}" --input choices --schedules 4)
races='GetOnZero|DanglingPointer|TwoDmaBufsForOneObject'
known_modern=$(grep -v '^#' fuzz-corpus/known/modern.txt | awk 'NF { print $1 }')
work=$(mktemp -d -t fuzz-smoke.XXXXXX)
passed=0 failed=0
check() { # check DESCRIPTION COMMAND...: one counted line per check
  local what=$1; shift
  if "$@"; then echo "fuzz-smoke: PASS $what"; passed=$((passed + 1))
  else echo "fuzz-smoke: FAIL $what"; failed=$((failed + 1)); fi
}

scripts/fuzz-tools.sh || exit 2
status_before=$(git status --porcelain 2>/dev/null)

fuzz() { # fuzz PROTOCOL: a campaign into $work, its exit status in $status
  ./primeprops fuzz --protocol "$1" "${budget[@]}" --out "$work/$1" --regressions "$work/regressions-$1" | tee "$work/$1.out"
  status=${PIPESTATUS[0]}
}

fuzz v3.6
check "v3.6: the campaign exits 1 (found something), got $status" test "$status" -eq 1
repros=$(find "$work/regressions-v3.6" -name '*.scn' 2>/dev/null | sort)
check "v3.6: a race ($races) has a repro" bash -c 'grep -qE "/v3\.6-($1)-[^/]*\.scn$" <<<"$2"' _ "$races" "$repros"
for repro in $repros; do
  check "v3.6: $(basename "$repro") replays to its violation" \
    bash -c '[[ $(./primeprops replay "$1" --protocol v3.6 --plain | tail -1) == "VIOLATION: $2 "* ]]' _ "$repro" "$(basename "$repro" | cut -d- -f2)"
done

fuzz modern
check "modern: the campaign exits 0 or 1 (clean, or findings), got $status" test "$status" -le 1
check "modern: triage met no harness bug and no unreproduced crash" \
  bash -c '! grep -qE "HARNESS BUG|NOT REPRODUCED|^  HANG" "$1"' _ "$work/modern.out"
for repro in $(find "$work/regressions-modern" -name '*.scn' 2>/dev/null | sort); do
  stem=$(basename "$repro" .scn); stem=${stem#modern-}
  check "modern: $stem is a known finding (fuzz-corpus/known/modern.txt)" grep -qxF "$stem" <<<"$known_modern"
done

# A campaign with the default folders must leave the checkout as it found it (its output is git-ignored).
./primeprops fuzz --protocol v3.6 --seed 1 --execs 20000 >/dev/null
check "a campaign with the default folders leaves git status unchanged" test "$(git status --porcelain 2>/dev/null)" == "$status_before"

echo "fuzz-smoke: $passed of $((passed + failed)) checks passed"
if [[ $failed -eq 0 ]]; then rm -rf "$work"; else echo "fuzz-smoke: campaign folders kept in $work"; fi
exit $((failed > 0))
