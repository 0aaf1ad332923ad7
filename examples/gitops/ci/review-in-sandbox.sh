#!/usr/bin/env bash
# Reviews a pull request against the package's sandbox instead of the real stores: for pull requests from forks, which
# get no secrets, and for trying a change before anyone has credentials. The sandbox starts holding the groups of the
# base branch's groups.yaml (--seed), a throwaway stack takes them over (adopt: true, so no write), and `review` then
# shows what the pull request's groups.yaml does to them. Nothing real is read or written: every store setting points
# at the sandbox, whatever the environment holds.
#
# Usage: bash ci/review-in-sandbox.sh BASE_REF [REPORT]    (REPORT: review.md by default)
set -euo pipefail
base=${1:?usage: bash ci/review-in-sandbox.sh BASE_REF [REPORT]}
report=${2:-review.md}
cd "$(dirname "$0")/.."

work=$(mktemp -d)
sandbox_pid=""
cp groups.yaml "$work/pull-request.yaml"
finish() {
  cp "$work/pull-request.yaml" groups.yaml
  rm -f Pulumi.sandbox.yaml
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT
git show "$base:groups.yaml" >"$work/base.yaml"

echo "==> the sandbox, holding the groups of $base" >&2
# The bin itself rather than npx, which would not pass the signal that stops it on.
node_modules/.bin/pulumi-customer-groups sandbox --port 0 --seed "$work/base.yaml" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
# Ready once it has printed where the admin API is: after the seed.
until grep -q "admin API" "$work/sandbox.log"; do
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.2
done
url=$(sed -n 's/^sandbox listening on //p' "$work/sandbox.log")
cat "$work/sandbox.log" >&2

# Only the sandbox: no real store's setting survives, and the state is a throwaway.
for variable in $(compgen -e | grep -E '^(CTP|BIGCOMMERCE|REVCENT)_' || true); do unset "$variable"; done
export PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE="sandbox-review"
export CTP_PROJECT_KEY=demo-project CTP_CLIENT_ID=sandbox-client CTP_CLIENT_SECRET=sandbox-secret CTP_API_URL="$url" CTP_AUTH_URL="$url"
export BIGCOMMERCE_STORE_HASH=sandbox BIGCOMMERCE_ACCESS_TOKEN=sandbox-token BIGCOMMERCE_API_URL="$url"
export REVCENT_API_KEY=sandbox-api-key REVCENT_API_URL="$url"
mkdir "$work/state"
pulumi stack init sandbox --non-interactive >&2

echo "==> the stack takes the groups of $base over" >&2
cp "$work/base.yaml" groups.yaml
pulumi up --yes --skip-preview --stack sandbox --non-interactive >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; exit 1; }
cp "$work/pull-request.yaml" groups.yaml

echo "==> what the pull request does to them" >&2
npx pulumi-customer-groups review --stack sandbox --out "$report"
echo "review written to $report" >&2
