#!/usr/bin/env bash
# Builds the pinned Pulumi CLI and our Node.js language host into .tools/bin (only when missing or stale).
#
# Usage: bash scripts/ensure-pulumi.sh   (from any directory; then `. scripts/pulumi-env.sh`)
#
# The pin is the github.com/pulumi/pulumi/pkg/v3 version in tools/pulumi/go.mod; it must match the
# @pulumi/pulumi devDependency. Go's caches live in ${PCG_GO_CACHE:-$HOME/.cache/pcg-go}/{mod,build} so that
# every clone, CI job and later run on the same machine reuses them: the first build takes minutes, later
# ones seconds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/tools/pulumi"
bin="$root/.tools/bin"

pin=$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 } $2 == "github.com/pulumi/pulumi/pkg/v3" { print $3 }' \
  "$tools/go.mod" | head -n 1)
if [[ -z "$pin" ]]; then
  echo "ensure-pulumi: no github.com/pulumi/pulumi/pkg/v3 requirement in tools/pulumi/go.mod" >&2
  exit 1
fi

# A CLI that differs from the SDK the programs load makes failures hard to read: say so early.
sdk_manifest="$root/node_modules/@pulumi/pulumi/package.json"
if [[ -f "$sdk_manifest" ]] && command -v node >/dev/null 2>&1; then
  sdk=$(node -p 'require(process.argv[1]).version' "$sdk_manifest" 2>/dev/null || true)
  if [[ -n "$sdk" && "v$sdk" != "$pin" ]]; then
    echo "ensure-pulumi: warning: node_modules has @pulumi/pulumi $sdk but tools/pulumi/go.mod pins $pin" >&2
  fi
fi

cache="${PCG_GO_CACHE:-$HOME/.cache/pcg-go}"
export GOMODCACHE="$cache/mod" GOCACHE="$cache/build" GOFLAGS=-mod=mod
# Both binaries report the pin as their version (`pulumi version`, the Automation API's version check).
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pin"

mkdir -p "$bin"
# Parallel callers (test runners, CI steps) wait for one build instead of racing the same output.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$bin/.ensure.lock"
  flock 9
fi

# Stamps record what each binary was built from; a different pin (or host source) triggers a rebuild.
fingerprint() { cat "$@" | cksum | cut -d' ' -f1,2; }
cli_stamp="pulumi $pin"
host_stamp="pulumi-language-nodejs $pin $(fingerprint "$tools/go.mod" "$tools/go.sum" "$tools"/languagehost/*.go)"

# build <stamp> <output> <package>: builds into a temporary file first so an interrupted build never leaves
# a broken binary behind that a later run would take as up to date.
build() {
  local stamp=$1 out=$2 pkg=$3
  if [[ -x "$bin/$out" && "$(cat "$bin/.$out.stamp" 2>/dev/null)" == "$stamp" ]]; then
    return 0
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "ensure-pulumi: Go is not on PATH. The Pulumi CLI used by tests and the demo is built from source;" >&2
    echo "ensure-pulumi: install Go (see the go line of tools/pulumi/go.mod) and run this again." >&2
    exit 1
  fi
  echo "ensure-pulumi: building $out $pin into .tools/bin (several minutes when Go's build cache is cold)..." >&2
  local start=$SECONDS
  if ! (cd "$tools" && go build -ldflags "$ldflags" -o "$bin/.$out.tmp" "$pkg"); then
    echo "ensure-pulumi: building $out failed (see the Go errors above)" >&2
    exit 1
  fi
  mv -f "$bin/.$out.tmp" "$bin/$out"
  printf '%s\n' "$stamp" >"$bin/.$out.stamp"
  echo "ensure-pulumi: built $out in $((SECONDS - start))s" >&2
}

build "$cli_stamp" pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
build "$host_stamp" pulumi-language-nodejs ./languagehost

# The engine runs dynamic providers (pulumi.dynamic.Resource) through this plugin. Like the script @pulumi/pulumi
# ships, it resolves the provider entry point from its working directory (the program's), so the program's own
# @pulumi/pulumi is used.
cat >"$bin/.pulumi-resource-pulumi-nodejs.tmp" <<'EOF'
#!/bin/sh
# Starts @pulumi/pulumi's dynamic provider, resolved from the program directory (written by scripts/ensure-pulumi.sh).
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
EOF
chmod +x "$bin/.pulumi-resource-pulumi-nodejs.tmp"
mv -f "$bin/.pulumi-resource-pulumi-nodejs.tmp" "$bin/pulumi-resource-pulumi-nodejs"
