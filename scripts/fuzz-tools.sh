#!/usr/bin/env bash
# Makes the fuzzing tools ready: AFL++ (apt-get, only when afl-fuzz is missing; needs root, as
# in CI) and the SharpFuzz dotnet tool (dotnet tool restore). Used by ./test.sh before the
# tests of Category=fuzz, and by scripts/fuzz-smoke.sh. Exits 2 when a tool cannot be had.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz-tools: afl-fuzz not found: installing AFL++ with apt-get"
  { apt-get update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends afl++ >/dev/null; } \
    || { echo "fuzz-tools: could not install afl++ (apt-get install afl++, as root)"; exit 2; }
fi
dotnet tool restore >/dev/null || { echo "fuzz-tools: dotnet tool restore failed"; exit 2; }
