#!/usr/bin/env bash
# The demo: the whole loop of a config repo against the built-in sandbox, each step titled: `pulumi up`, an edit in the
# admin APIs, `drift` (exit 2), a pull request and its `review`, `pulumi up`, `drift` again (exit 0). Vendor variables in
# the environment are ignored: it never writes to a real store unless asked with `--live` (which says which stores it
# will write and asks first, unless `--yes`).
#
# Usage: npm run demo [-- --live [--yes]]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

live=false
yes=false
for arg in "$@"; do
  case "$arg" in
    --live) live=true ;;
    --yes) yes=true ;;
    *)
      echo "demo: unknown option '$arg' (usage: npm run demo [-- --live [--yes]])" >&2
      exit 64
      ;;
  esac
done

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
bin="$root/demo/node_modules/.bin/pulumi-customer-groups"

. scripts/pulumi-env.sh
# State stays in .state/ (ignored by git), so a second run finds what the first created.
mkdir -p .state
export PULUMI_BACKEND_URL="file://$root/.state"

step() { printf '\n==> %s\n' "$*"; }

if [ "$live" = true ]; then
  step "the demo against real stores (stack 'live'): it creates and changes demo groups in"
  [ -n "${CTP_CLIENT_ID:-}" ] && echo "    commercetools project '${CTP_PROJECT_KEY:-?}' at ${CTP_API_URL:-https://api.europe-west1.gcp.commercetools.com}"
  [ -n "${BIGCOMMERCE_ACCESS_TOKEN:-}" ] && echo "    BigCommerce store '${BIGCOMMERCE_STORE_HASH:-?}' at ${BIGCOMMERCE_API_URL:-https://api.bigcommerce.com}"
  [ -n "${REVCENT_API_KEY:-}" ] && echo "    the RevCent account of REVCENT_API_KEY (read only)"
  if [ "$yes" != true ]; then
    read -r -p "Type 'yes' to go on: " answer
    [ "$answer" = yes ] || { echo "demo: nothing done"; exit 1; }
  fi
  pulumi stack select live --create >/dev/null
  step "pulumi up"
  pulumi up --yes
  step "drift (what someone changed in the admin UIs since)"
  "$bin" drift --cwd "$root" --stack live || true
  exit 0
fi

# The sandbox demo reads nothing of a real store's settings, whatever the environment holds.
for variable in $(compgen -e | grep -E '^(CTP|BIGCOMMERCE|REVCENT)_' || true); do unset "$variable"; done

step "starting the sandbox (its data in .state/sandbox.json)"
# The admin API's token, for the sandbox and for scripts/demo-sandbox.js (connectSandbox reads it), made for this run.
SANDBOX_ADMIN_TOKEN=$(node -p 'require("crypto").randomBytes(24).toString("base64url")')
export SANDBOX_ADMIN_TOKEN
# On the port of the last run when it is free: the API host is part of a store's identity, so a new port would make
# every group of the state another store's.
start_sandbox() {
  node dist/cli/main.js sandbox --port "$1" --persist .state/sandbox.json >.state/sandbox.log 2>&1 &
  sandbox_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' .state/sandbox.log | head -n 1 || true)
    [ -n "$url" ] && return 0
    kill -0 "$sandbox_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
start_sandbox "$(cat .state/sandbox.port 2>/dev/null || echo 0)" || start_sandbox 0 || {
  echo "the sandbox did not start" >&2
  cat .state/sandbox.log >&2
  exit 1
}
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
echo "${url##*:}" >.state/sandbox.port
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
# The program as merged: the pull request below changes it.
pulumi config rm demo:studentDiscount >/dev/null 2>&1 || true
node scripts/demo-sandbox.js "$url" seed

step "pulumi up: the groups of the program, in three stores"
pulumi up --yes --skip-preview

step "the groups the stores now hold"
node scripts/demo-sandbox.js "$url" list

step "someone edits groups in the admin UIs"
node scripts/demo-sandbox.js "$url" drift

step "drift: what a scheduled check reports (exit 2: drift found)"
set +e
"$bin" drift --cwd "$root" --stack demo
code=$?
set -e
echo "(exit $code)"
[ "$code" = 2 ] || { echo "demo: drift should have found the edits" >&2; exit 1; }

step "the merchant puts back what Pulumi cannot write (RevCent)"
node scripts/demo-sandbox.js "$url" restore

step "a pull request: the Students discount goes from 10% to 12.5% (pulumi config set demo:studentDiscount 12.5)"
pulumi config set demo:studentDiscount 12.5

step "review: what the reviewers of the pull request read (Markdown for a comment), checked by the policy pack"
"$bin" review --cwd "$root" --stack demo --refresh \
  --policy-pack "$root/demo/node_modules/pulumi-customer-groups/policy" --policy-pack-config "$root/demo/policy-config.json"

step "pulumi up --refresh: the merge applies the pull request and sets back the admin edits"
# Exactly the command the review described (its report names it): the same refresh and policy pack.
pulumi up --yes --stack demo --refresh \
  --policy-pack "$root/demo/node_modules/pulumi-customer-groups/policy" --policy-pack-config "$root/demo/policy-config.json"

step "drift again (exit 0: the stores match the program)"
"$bin" drift --cwd "$root" --stack demo
echo "(exit 0)"

step "the groups the stores now hold"
node scripts/demo-sandbox.js "$url" list
echo
echo "demo done: state in .state/; run it again to start from what this run left"
