#!/usr/bin/env bash
# The test command: prepares the real-kernel lane (installs qemu-system-x86, busybox-static and
# cpio from Debian when missing, which needs root; fetches Debian's kernel package into
# .cache/kernel-lane/), builds everything, and runs every test and property suite, the
# real-kernel tests (Category=kernel) included.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/kernel-lane.sh
dotnet test PrimeProps.sln -c Release "$@"
