#!/usr/bin/env bash
# npm run bench: installs and builds what is missing (npm packages, dist/ for the packed package, and the pinned Pulumi
# CLI unless BENCH_ENGINE=0), compiles the bench and runs it. Settings: see docs/development.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_ENGINE:-1}" = 0 ]; then bash scripts/setup.sh --no-engine; else bash scripts/setup.sh; fi
npm run build:tests --silent
exec node build/bench/index.js
