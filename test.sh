#!/usr/bin/env bash
# The test command: builds everything and runs every test and property suite.
# Needs only the .NET 10 SDK; NuGet packages restore on the way.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test PrimeProps.sln -c Release "$@"
