#!/usr/bin/env bash
# Runs the tests. With no tier named (npm test): lint, then every tier. Tiers: unit (pure logic), provider (real HTTP
# servers on 127.0.0.1), sandbox (the fake vendor APIs), e2e (the real Pulumi engine), node24 (the unit and provider
# tiers and the demo again on Node.js 24, fetched by scripts/node24.sh). Arguments starting with `-` go to mocha.
#
# Usage: bash scripts/test.sh [unit|provider|sandbox|e2e|node24]... [mocha options]
set -euo pipefail
cd "$(dirname "$0")/.."

tiers=()
mocha_args=()
for arg in "$@"; do
  case "$arg" in
    unit | provider | sandbox | e2e | node24) tiers+=("$arg") ;;
    -*) mocha_args+=("$arg") ;;
    *)
      echo "test.sh: unknown tier '$arg' (unit, provider, sandbox, e2e, node24)" >&2
      exit 64
      ;;
  esac
done
everything=false
if [ ${#tiers[@]} -eq 0 ]; then
  tiers=(unit provider sandbox e2e node24)
  everything=true
fi

# The end-to-end tier and the demo on Node 24 need the Pulumi CLI (built from Go sources the first time).
if [[ " ${tiers[*]} " == *" e2e "* || " ${tiers[*]} " == *" node24 "* ]]; then bash scripts/setup.sh; else bash scripts/setup.sh --no-engine; fi

if $everything; then
  echo "==> lint"
  npm run --silent lint
fi

echo "==> compiling the tests"
rm -rf build
npm run --silent build:tests

specs=()
for tier in "${tiers[@]}"; do [ "$tier" != node24 ] && specs+=("build/tests/$tier/**/*.test.js"); done
if [ ${#specs[@]} -gt 0 ]; then
  echo "==> running tests: ${specs[*]}"
  npx mocha "${specs[@]}" "${mocha_args[@]+"${mocha_args[@]}"}"
fi

if [[ " ${tiers[*]} " == *" node24 "* ]]; then
  node24=$(bash scripts/node24.sh)
  echo "==> on Node.js $("$node24/node" --version): the unit and provider tiers, then the demo"
  PATH="$node24:$PATH" "$node24/npx" mocha "build/tests/unit/**/*.test.js" "build/tests/provider/**/*.test.js" "${mocha_args[@]+"${mocha_args[@]}"}"
  PATH="$node24:$PATH" bash scripts/demo.sh
fi
