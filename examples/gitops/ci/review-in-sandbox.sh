#!/usr/bin/env bash
# Reviews a pull request against the package's sandbox instead of the real stores: for pull requests from forks, which
# get no secrets, and for trying a change before anyone has credentials. The sandbox starts holding the groups of the
# base branch's data (--seed; every connection they or the pull request's data name is served as a project or store of
# that name), a throwaway stack takes them over (adopt: true, so no write), and `review` then shows what the pull
# request's data does to them. Nothing real is read or written: every store setting points at the sandbox, whatever the
# environment holds. The sandbox holds no customers, so the report says that customers were not counted.
#
# Usage: bash ci/review-in-sandbox.sh BASE_REF [REPORT] [DATA]
#   REPORT: review.md by default. DATA: the data file or directory the program reads with cg.fromConfig (default
#   groups/ when that directory exists, else groups.yaml).
set -euo pipefail
base=${1:?usage: bash ci/review-in-sandbox.sh BASE_REF [REPORT] [DATA]}
report=${2:-review.md}
cd "$(dirname "$0")/.."
data=${3:-$([ -d groups ] && echo groups || echo groups.yaml)}
data=${data%/}

work=$(mktemp -d)
sandbox_pid=""
cp -R "$data" "$work/pull-request"
finish() {
  rm -rf "$data"
  cp -R "$work/pull-request" "$data"
  rm -f Pulumi.sandbox.yaml
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap finish EXIT
# The base branch's data, file or directory, as it was.
mkdir -p "$work/base"
git archive "$base" -- "$data" | tar -x -C "$work/base"

echo "==> the sandbox, holding the groups of $base" >&2
# The bin itself rather than npx, which would not pass the signal that stops it on.
node_modules/.bin/pulumi-customer-groups sandbox --port 0 --seed "$work/base/$data" --serve "$data" --write-env "$work/sandbox.env" \
  >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
# Ready once it has printed where the admin API is: after the seed and the environment file.
until grep -q "admin API" "$work/sandbox.log"; do
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; exit 1; }
  sleep 0.2
done
cat "$work/sandbox.log" >&2

# Only the sandbox: no real store's setting survives (connections' too), and the state is a throwaway.
for variable in $(compgen -e | grep -E '^(CTP|BIGCOMMERCE|REVCENT)_' || true); do unset "$variable"; done
# shellcheck disable=SC1091
. "$work/sandbox.env"
export PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE="sandbox-review"
mkdir "$work/state"
pulumi stack init sandbox --non-interactive >&2

echo "==> the stack takes the groups of $base over" >&2
rm -rf "$data"
cp -R "$work/base/$data" "$data"
pulumi up --yes --skip-preview --stack sandbox --non-interactive >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; exit 1; }
rm -rf "$data"
cp -R "$work/pull-request" "$data"

echo "==> what the pull request does to them" >&2
npx pulumi-customer-groups review --stack sandbox --no-counts --out "$report"
echo "review written to $report" >&2
