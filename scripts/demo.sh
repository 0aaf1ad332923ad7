#!/usr/bin/env bash
# The demo: `pulumi up` of the root project (demo/) against the built-in sandbox, then an out-of-band change shown as
# drift by `pulumi preview --refresh --diff`. With CTP_* / BIGCOMMERCE_* / REVCENT_* variables set, it runs against
# real stores instead (stack `live`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh >/dev/null

# The demo program installs the package the way a user's project does: from the packed tarball.
mkdir -p .tools/pack
tarball=.tools/pack/pulumi-customer-groups.tgz
packed=$(npm pack --silent --pack-destination .tools/pack 2>/dev/null | tail -n 1)
mv -f ".tools/pack/$packed" "$tarball"
sum=$(cd .tools/pack && sha256sum pulumi-customer-groups.tgz | cut -d' ' -f1)
if [ "$(cat demo/node_modules/.pcg-installed 2>/dev/null)" != "$sum" ]; then
  echo "==> installing the demo program's packages"
  # npm keeps an installed file: dependency of the same version, so the old copy goes first.
  rm -rf demo/node_modules/pulumi-customer-groups
  (cd demo && npm install --no-package-lock --no-audit --no-fund --loglevel=error && echo "$sum" >node_modules/.pcg-installed)
fi

. scripts/pulumi-env.sh
# State stays in .state/ (ignored by git), so a second run finds what the first created.
mkdir -p .state
export PULUMI_BACKEND_URL="file://$root/.state"

live=false
if [ -n "${CTP_CLIENT_ID:-}" ] || [ -n "${BIGCOMMERCE_ACCESS_TOKEN:-}" ] || [ -n "${REVCENT_API_KEY:-}" ]; then live=true; fi

if [ "$live" = true ]; then
  echo "==> real credentials found in the environment: using stack 'live' (no sandbox)"
  pulumi stack select live --create >/dev/null
else
  echo "==> starting the sandbox (state in .state/sandbox.json)"
  node dist/sandbox/main.js --port 0 --persist .state/sandbox.json >.state/sandbox.log 2>&1 &
  sandbox_pid=$!
  trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' .state/sandbox.log | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat .state/sandbox.log; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the sandbox did not start" >&2; cat .state/sandbox.log >&2; exit 1; }
  echo "    sandbox at $url"
  pulumi stack select demo --create >/dev/null
  # The sandbox's credentials (its defaults) and its address, which changes with every run.
  pulumi config set commercetools:projectKey demo-project
  pulumi config set commercetools:clientId sandbox-client
  pulumi config set --secret commercetools:clientSecret sandbox-secret
  pulumi config set commercetools:apiUrl "$url"
  pulumi config set commercetools:authUrl "$url"
  pulumi config set bigcommerce:storeHash sandbox
  pulumi config set --secret bigcommerce:accessToken sandbox-token
  pulumi config set bigcommerce:apiUrl "$url"
  pulumi config set --secret revcent:apiKey sandbox-api-key
  pulumi config set revcent:apiUrl "$url"
  node scripts/demo-sandbox.js "$url" seed
fi

echo
echo "==> pulumi up"
pulumi up --yes

if [ "$live" = true ]; then
  echo
  echo "==> pulumi preview --refresh --diff (shows any change made in the admin UIs since)"
  pulumi preview --refresh --diff
  exit 0
fi

echo
echo "==> the groups the stores now hold"
node scripts/demo-sandbox.js "$url" list

echo
echo "==> someone edits groups in the admin UIs"
node scripts/demo-sandbox.js "$url" drift

echo
echo "==> pulumi preview --refresh --diff (what a scheduled drift check shows)"
pulumi preview --refresh --diff

echo
echo "==> the merchant puts back what Pulumi cannot write"
node scripts/demo-sandbox.js "$url" restore

echo
echo "==> pulumi up --refresh (converging, so the next run starts clean)"
pulumi up --refresh --yes --skip-preview --suppress-outputs >/dev/null
node scripts/demo-sandbox.js "$url" list
echo
echo "demo done: state in .state/, run it again to see a no-op 'pulumi up'"
