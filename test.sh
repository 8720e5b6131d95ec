#!/usr/bin/env bash
# The test command: prepares the real-kernel lane (installs qemu-system-x86, busybox-static and
# cpio from Debian when missing, which needs root; fetches Debian's kernel package into
# .cache/kernel-lane/), installs Debian's chromium for the HTML report test when missing,
# builds everything, and runs every test and property suite, the real-kernel tests
# (Category=kernel) included; then the fuzzing smoke campaign (installs afl++ when missing):
# a fixed-seed AFL++ run must find a seed-era bug on v3.6 and nothing on modern.
#
# The tests that run AFL++ (Category=fuzz: a killed campaign, two synced trees) need afl-fuzz
# and the SharpFuzz tool, which scripts/fuzz-tools.sh makes ready first.
#
# ./test.sh --quick is the contributor's path: no root, no qemu, no chromium, no fuzzing. It runs
# every test and property suite except the real-kernel lane (Category=kernel), the headless
# browser (Category=browser) and AFL++ (Category=fuzz), in a few minutes; CI runs the full ./test.sh.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${1:-}" = --quick ]; then
  shift
  exec dotnet test PrimeProps.sln -c Release --filter "Category!=kernel&Category!=browser&Category!=fuzz" "$@"
fi
scripts/kernel-lane.sh
if [ ! -x /usr/bin/chromium ]; then
  [ "$(id -u)" = 0 ] || { echo "test.sh: chromium is missing: apt-get install chromium (as root)" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
scripts/fuzz-tools.sh
dotnet test PrimeProps.sln -c Release "$@"
scripts/fuzz-smoke.sh
