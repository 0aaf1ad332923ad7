#!/usr/bin/env bash
# Runs the tests. With no tier named (npm test): lint, then every tier. Tiers: unit (pure logic), provider (real HTTP
# servers on 127.0.0.1), sandbox (the fake vendor APIs), e2e (the real Pulumi engine). Arguments starting with `-` go to mocha.
#
# Usage: bash scripts/test.sh [unit|provider|sandbox|e2e]... [mocha options]
set -euo pipefail
cd "$(dirname "$0")/.."

tiers=()
mocha_args=()
for arg in "$@"; do
  case "$arg" in
    unit | provider | sandbox | e2e) tiers+=("$arg") ;;
    -*) mocha_args+=("$arg") ;;
    *)
      echo "test.sh: unknown tier '$arg' (unit, provider, sandbox, e2e)" >&2
      exit 64
      ;;
  esac
done
everything=false
if [ ${#tiers[@]} -eq 0 ]; then
  tiers=(unit provider sandbox e2e)
  everything=true
fi

# Only the end-to-end tier needs the Pulumi CLI (built from Go sources the first time).
if [[ " ${tiers[*]} " == *" e2e "* ]]; then bash scripts/setup.sh; else bash scripts/setup.sh --no-engine; fi

if $everything; then
  echo "==> lint"
  npm run --silent lint
fi

echo "==> compiling the tests"
rm -rf build
npx tsc -p tsconfig.test.json

echo "==> running tests: ${tiers[*]}"
specs=()
for tier in "${tiers[@]}"; do specs+=("build/tests/$tier/**/*.test.js"); done
exec npx mocha "${specs[@]}" "${mocha_args[@]+"${mocha_args[@]}"}"
