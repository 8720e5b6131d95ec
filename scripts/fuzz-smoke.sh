#!/usr/bin/env bash
# CI smoke test of coverage-guided fuzzing (SharpFuzz + AFL++, `primeprops fuzz`): a fixed-seed,
# bounded campaign on v3.6 must find a seed-era bug and write a repro that replays; the same
# budget on modern must find nothing. Installs AFL++ with apt-get only when afl-fuzz is missing
# (CI runs as root) and restores the SharpFuzz dotnet tool. Prints one line per check and
# a total ("fuzz-smoke: N of M checks passed", worded so that CI does not take it for the
# test runner's summary); exits 1 when a check failed, 2 when it could not run.
# FUZZ_SMOKE_EXECS overrides the budget (executions per campaign).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
budget=(--seed 1 --execs "${FUZZ_SMOKE_EXECS:-200000}")
seed_era='GetOnZero|DanglingPointer|TwoDmaBufsForOneObject|StaleCacheEntry|Leak'
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
  ./primeprops fuzz --protocol "$1" "${budget[@]}" --out "$work/$1" --regressions "$work/regressions-$1"
  status=$?
}

fuzz v3.6
check "v3.6: the campaign exits 1 (found something), got $status" test "$status" -eq 1
repros=$(find "$work/regressions-v3.6" -name '*.scn' 2>/dev/null | grep -E "/v3\.6-($seed_era)-[^/]*\.scn$" | sort)
check "v3.6: a seed-era bug ($seed_era) has a repro" test -n "$repros"
for repro in $repros; do
  check "v3.6: $(basename "$repro") replays to its violation" \
    bash -c '[[ $(./primeprops replay "$1" --protocol v3.6 --plain | tail -1) == "VIOLATION: $2 "* ]]' _ "$repro" "$(basename "$repro" | cut -d- -f2)"
done

fuzz modern
check "modern: the campaign exits 0 (nothing found), got $status" test "$status" -eq 0
check "modern: no repro written" test -z "$(find "$work/regressions-modern" -type f 2>/dev/null)"

# A campaign with the default folders must leave the checkout as it found it (its output is git-ignored).
./primeprops fuzz --protocol v3.6 --seed 1 --execs 20000 >/dev/null
check "a campaign with the default folders leaves git status unchanged" test "$(git status --porcelain 2>/dev/null)" == "$status_before"

echo "fuzz-smoke: $passed of $((passed + failed)) checks passed"
if [[ $failed -eq 0 ]]; then rm -rf "$work"; else echo "fuzz-smoke: campaign folders kept in $work"; fi
exit $((failed > 0))
