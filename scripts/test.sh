#!/usr/bin/env bash
# Every test: unit, provider (real HTTP servers on 127.0.0.1), sandbox, and end-to-end through the real Pulumi engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> compiling the tests"
rm -rf build
npx tsc -p tsconfig.test.json
echo "==> running tests"
exec npx mocha 'build/tests/**/*.test.js' "$@"
