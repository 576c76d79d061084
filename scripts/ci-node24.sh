#!/usr/bin/env bash
# The unit and API test tiers (vitest projects unit, api and writes, as `npm run test:unit` and
# `npm run test:api`) on Node.js 24, the image's runtime (Node 20, which the machines run, reached
# end of life in April 2026). The binary is the registry's `node` package, fetched by npm itself
# into its cache; nothing is installed system-wide. Extra arguments go to vitest.
#   scripts/ci-node24.sh            (or: npm run test:node24)
#   NODE_PACKAGE=node@22 scripts/ci-node24.sh
set -euo pipefail
cd "$(dirname "$0")/.."

package="${NODE_PACKAGE:-node@24}"
node_bin="$(npm exec --yes --package="$package" -- node -p process.execPath)"
version="$("$node_bin" --version)"
case "$package" in
  node@*) [[ "$version" == "v${package#node@}."* ]] || { echo "expected $package, got $version" >&2; exit 1; } ;;
esac
echo "== unit and api tiers on Node.js $version ($node_bin)"

# First on PATH: npx, vitest's shebang, its workers and any `node` a test spawns all run it.
PATH="$(dirname "$node_bin"):$PATH" npx vitest run --project unit --project api --project writes "$@"
