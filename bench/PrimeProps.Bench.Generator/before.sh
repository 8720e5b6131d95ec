#!/usr/bin/env bash
# The tuning-mutant hunt of this benchmark (MutantHunt.cs, TuningMutants.cs) run with the
# generator as it was at 9f30972, before the typed generator; writes bench/results/generator-before.md.
# Usage: bench/PrimeProps.Bench.Generator/before.sh [SEEDS]   (default 10: seeds 1000..10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seeds="${1:-10}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive 9f30972 src kernel-lane Directory.Build.props | tar -x -C "$tmp"
mkdir -p "$tmp/bench/Before"
cp "$root/bench/PrimeProps.Bench.Generator/MutantHunt.cs" "$root/tests/PrimeProps.Tests/Search/TuningMutants.cs" "$tmp/bench/Before/"
cat > "$tmp/bench/Before/Before.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><ServerGarbageCollection>false</ServerGarbageCollection></PropertyGroup>
  <ItemGroup><ProjectReference Include="../../src/PrimeProps/PrimeProps.csproj" /></ItemGroup>
</Project>
PROJ
cat > "$tmp/bench/Before/Program.cs" <<PROG
using PrimeProps.Bench.Generator;
var seeds = Enumerable.Range(1, $seeds).Select(i => (ulong)(i * 1000)).ToList();
Console.Write("# Tuning mutants with the generator of 9f30972 (before the typed generator)\n\n");
Console.Write("Reproduce: \`bench/PrimeProps.Bench.Generator/before.sh\`. Default check (2000 scenarios, random schedules), seeds " + seeds[0] + ".." + seeds[^1] + "; see generator.md for the same hunt now.\n\n");
Console.Write(MutantHunt.Table(MutantHunt.TuningMutants.Select(m => MutantHunt.Run(m.Name, m.Make, seeds, 2000))));
PROG
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet run -c Release -v quiet --project "$tmp/bench/Before" > "$tmp/out.md"
mv "$tmp/out.md" "$root/bench/results/generator-before.md"
cat "$root/bench/results/generator-before.md"
