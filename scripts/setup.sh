#!/usr/bin/env bash
# Installs what the tests and the demo need when it is missing: npm packages, the compiled package, the pinned Pulumi CLI
# (left out with --no-engine, for the test tiers that do not drive the engine).
set -euo pipefail
cd "$(dirname "$0")/.."

# npm packages: install when absent or when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "==> compiling"
rm -rf dist
npm run --silent build

if [ "${1:-}" != "--no-engine" ]; then bash scripts/ensure-pulumi.sh; fi
