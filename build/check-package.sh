#!/usr/bin/env bash
# Proves that the SymGrad package works for a user who adds it to a fresh project:
#   1. packs SymGrad.sln into a temporary local feed and checks that it holds one package with the expected files;
#   2. creates a console project outside the repository (no Directory.Build.props above it), with its own
#      NuGet.config (the local feed for SymGrad, nuget.org for everything else) and its own packages folder;
#   3. adds SymGrad, builds with warnings as errors, runs, and checks every line the program prints;
#   4. follows docs/getting-started.md as a reader would, in a folder of its own: its commands, its nuget.config and
#      its whole Program.cs, verbatim, and checks that the program prints every line the page shows;
#   5. publishes the first project trimmed and self-contained (warnings as errors) and runs that;
#   6. publishes it with Native AOT and runs the native binary, or says clearly why that part is skipped.
# Everything lives in temporary directories, removed on exit. Any failure stops the script with a message.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes outlive the script.
export MSBUILDDISABLENODEREUSE=1

say() { echo "check-package: $*"; }
fail() {
  echo "check-package: FAILED: $*" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/symgrad-package-check.XXXXXX")
# The reader of the getting-started page works in a folder of their own, with no NuGet.config of ours above it.
reader=$(mktemp -d "${TMPDIR:-/tmp}/symgrad-getting-started.XXXXXX")
trap 'rm -rf "$work" "$reader"' EXIT
case "$work/" in
  "$repo"/*) fail "the temporary directory $work is inside the repository, so it would inherit its build files; point TMPDIR outside $repo" ;;
esac

# Runs a command with its output in a log; on failure prints the log's end and stops.
run_logged() {
  local what=$1 log="$work/$2.log"
  shift 2
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "$what failed (command: $*)"
  fi
}

# Checks that every expected line appears, exactly, in a program's output.
expect_lines() {
  local what=$1 output=$2 line
  shift 2
  for line in "$@"; do
    if ! grep -Fxq -- "$line" <<<"$output"; then
      echo "$output" >&2
      fail "$what did not print the line '$line' (its whole output is above)"
    fi
  done
}

expected=(
  "energy: 30"
  "gradient: 20 20 20"
  "eager energy: 30"
  "gradcheck: passed"
  "fit: Converged"
  "linear: Converged"
)

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) fail "no .NET runtime identifier known for machine type $(uname -m)" ;;
esac

# 1. Pack.
version=$(dotnet msbuild "$repo/src/Runtime/SymGrad.csproj" -nologo -getProperty:PackageVersion)
[ -n "$version" ] || fail "could not read the package version from src/Runtime/SymGrad.csproj"
say "packing SymGrad $version into a local feed"
run_logged "dotnet pack" pack dotnet pack "$repo/SymGrad.sln" -c Release -o "$work/feed"

packages=$(cd "$work/feed" && ls)
[ "$packages" = "$(printf 'SymGrad.%s.nupkg\nSymGrad.%s.snupkg' "$version" "$version")" ] \
  || fail "dotnet pack SymGrad.sln must produce exactly SymGrad.$version.nupkg and its .snupkg, but produced: $(echo $packages)"

nupkg="$work/feed/SymGrad.$version.nupkg"
entries=$(unzip -Z1 "$nupkg")
for entry in SymGrad.nuspec README.md LICENSE lib/net10.0/SymGrad.dll lib/net10.0/SymGrad.xml analyzers/dotnet/cs/SymGrad.Generator.dll; do
  grep -Fxq "$entry" <<<"$entries" || fail "the package lacks $entry; it holds: $(echo $entries)"
done
grep -Fxq lib/net10.0/SymGrad.pdb <<<"$(unzip -Z1 "$work/feed/SymGrad.$version.snupkg")" \
  || fail "the symbol package lacks lib/net10.0/SymGrad.pdb"
nuspec=$(unzip -p "$nupkg" SymGrad.nuspec)
grep -q '<dependency id="System.Numerics.Tensors"' <<<"$nuspec" \
  || fail "the package does not declare its dependency on System.Numerics.Tensors: $nuspec"
if grep -q 'SymGrad.Generator' <<<"$nuspec"; then
  fail "the package declares a dependency on the generator, which it should carry inside: $nuspec"
fi

# 2. A fresh console project outside the repository.
cat >"$work/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="SymGrad" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
app="$work/Consumer"
say "creating a console project in $app"
run_logged "dotnet new console" new dotnet new console --framework net10.0 --name Consumer --output "$app"
cd "$app"
for property in DirectoryBuildPropsPath DirectoryBuildTargetsPath DirectoryPackagesPropsPath; do
  inherited=$(dotnet msbuild Consumer.csproj -nologo -getProperty:"$property")
  [ -z "$inherited" ] || fail "the fresh project imports $inherited ($property); it must see no build files but its own"
done

# 3. Add the package, build, run.
say "adding SymGrad $version from the local feed"
run_logged "dotnet add package SymGrad" add dotnet add package SymGrad --version "$version"
cp "$repo/tests/Packaging/Consumer/Program.cs" Program.cs
say "building (warnings are errors) and running"
run_logged "dotnet build" build dotnet build -c Release -warnaserror -p:EmitCompilerGeneratedFiles=true
generated=$(find obj -path '*generated/SymGrad.Generator/*' -name 'Losses.Energy.*.g.cs')
[ -n "$generated" ] || fail "the package's generator wrote no Losses.Energy.<hash>.g.cs under obj/**/generated/SymGrad.Generator"
grep -q 'EnergyValueAndGradient' "$generated" || fail "$generated does not define EnergyValueAndGradient"
output=$(dotnet run -c Release --no-build) || fail "the program exited with status $?: $output"
expect_lines "the program" "$output" "${expected[@]}"
say "the program printed: $(echo "$output" | paste -sd ';' -)"

# 4. The getting-started page, verbatim. Prints the lines of the fenced blocks right below the line
# "<!-- docs-test: $1 -->" of the page: the first such block, or with "all" as $2, every one.
page_block() {
  awk -v marker="<!-- docs-test: $1 -->" -v every="${2:-}" '
    inside && $0 == "```" { inside = 0; if (every != "all") exit; next }
    inside { print; next }
    armed && /^```/ { inside = 1; armed = 0; next }
    { armed = ($0 == marker) }
  ' "$repo/docs/getting-started.md"
}
say "following docs/getting-started.md in $reader"
# The page packs from a clone into local-packages next to it; this is the package packed above.
mkdir "$reader/local-packages"
cp "$nupkg" "$reader/local-packages/"
page_block nuget.config >"$work/getting-started.nuget.config"
page_block "whole page" >"$work/getting-started.Program.cs"
[ -s "$work/getting-started.nuget.config" ] || fail "docs/getting-started.md has no block marked <!-- docs-test: nuget.config -->"
[ -s "$work/getting-started.Program.cs" ] || fail "docs/getting-started.md has no block marked <!-- docs-test: whole page -->"
(
  cd "$reader"
  # The packages restored above, so that this step downloads nothing again and leaves the user's cache alone.
  export NUGET_PACKAGES="$work/packages"
  run_logged "dotnet new console (getting started)" reader-new dotnet new console -o Fit
  cd Fit
  cp "$work/getting-started.nuget.config" nuget.config
  run_logged "dotnet add package SymGrad (getting started)" reader-add dotnet add package SymGrad
  cp "$work/getting-started.Program.cs" Program.cs
  run_logged "dotnet build (getting started)" reader-build dotnet build
  output=$(dotnet run --no-build) || fail "the getting-started program exited with status $?: $output"
  mapfile -t shown < <(page_block output all | grep -vFx -- '...')
  expect_lines "the getting-started program" "$output" "${shown[@]}"
  say "the getting-started program printed the ${#shown[@]} lines its page shows"
)

# 5. Trimmed, self-contained publish: the trimmer analyses SymGrad.dll whole, and any warning fails the publish.
say "publishing trimmed for $rid (trim warnings are errors)"
run_logged "trimmed publish" trim dotnet publish -c Release -r "$rid" --self-contained -p:PublishTrimmed=true \
  -p:TreatWarningsAsErrors=true -p:TrimmerSingleWarn=false -p:DisableTransitiveFrameworkReferenceDownloads=true \
  -o "$work/trimmed"
output=$("$work/trimmed/Consumer") || fail "the trimmed program exited with status $?: $output"
expect_lines "the trimmed program" "$output" "${expected[@]}"
say "the trimmed program printed the same lines"

# 6. Native AOT. It needs the SDK's ILCompiler packs from NuGet and a C toolchain (clang and a linker).
aot_flags=(-p:PublishAot=true -p:TreatWarningsAsErrors=true -p:TrimmerSingleWarn=false -p:DisableTransitiveFrameworkReferenceDownloads=true)
if ! dotnet restore -r "$rid" "${aot_flags[@]}" >"$work/aot-restore.log" 2>&1; then
  missing=$(grep -oE 'Unable to find package [^ ]+' "$work/aot-restore.log" | sed -e 's/^Unable to find package //' -e 's/\.$//' | sort -u | paste -sd ',' - || true)
  if [ -n "$missing" ]; then
    say "SKIPPED Native AOT: the package feeds do not have $missing, which PublishAot needs for $rid"
    say "done: SymGrad $version packs, installs, builds, runs and publishes trimmed"
    exit 0
  fi
  tail -n 40 "$work/aot-restore.log" >&2
  fail "restoring for Native AOT failed"
fi
# The native link needs clang; Debian's versioned clang-NN will do, and bfd stands in for a missing lld.
if command -v clang >/dev/null; then
  aot_flags+=(-p:CppCompilerAndLinker=clang)
else
  versioned=$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -n 1 || true)
  if [ -z "$versioned" ]; then
    say "SKIPPED Native AOT: no clang on PATH; install it (apt-get install -y clang lld) to publish natively"
    say "done: SymGrad $version packs, installs, builds, runs and publishes trimmed"
    exit 0
  fi
  aot_flags+=(-p:CppCompilerAndLinker="$versioned")
fi
if ! command -v ld.lld >/dev/null; then
  aot_flags+=(-p:LinkerFlavor=bfd)
fi
say "publishing with Native AOT for $rid (AOT and trim warnings are errors)"
run_logged "Native AOT publish" aot dotnet publish -c Release -r "$rid" "${aot_flags[@]}" -o "$work/native"
[ ! -e "$work/native/Consumer.dll" ] || fail "the Native AOT publish produced Consumer.dll: it is not a native build"
output=$("$work/native/Consumer") || fail "the native program exited with status $?: $output"
expect_lines "the native program" "$output" "${expected[@]}"
say "the native program printed the same lines"
say "done: SymGrad $version packs, installs, builds, runs, and publishes trimmed and with Native AOT"
