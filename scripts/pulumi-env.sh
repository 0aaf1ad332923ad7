# Source this (`. scripts/pulumi-env.sh`) to use the repo's pinned Pulumi CLI with repo-local, offline settings.
# Build the CLI first with scripts/ensure-pulumi.sh. Callers choose the state backend themselves
# (PULUMI_BACKEND_URL=file://<dir>); nothing here logs in to, or contacts, a Pulumi service.
_pcg_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
export PATH="$_pcg_root/.tools/bin:$PATH"
# Plugins, credentials and workspace settings stay in the (git-ignored) repo, never in the user's ~/.pulumi.
export PULUMI_HOME="$_pcg_root/.tools/pulumi-home"
export PULUMI_SKIP_UPDATE_CHECK=true
# Never download plugins: all we need is in .tools/bin.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# Secrets of local test/demo stacks only; a passphrase (or passphrase file) the caller set wins.
if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE="pcg-local-test-only"
fi
unset _pcg_root
