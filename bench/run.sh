#!/usr/bin/env bash
# npm run bench: every benchmark, results as ratios measured side by side in one run.
# Figures are written to .cache/bench/*.json as well as printed.
# The census bench makes 100,000 Transfer events on the local chain (about 10-20 s of the run).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache/bench
php bench/crypto.php --json .cache/bench/crypto.json "$@"
node bench/weight.mjs
node bench/gates.mjs
node bench/governance.mjs
node bench/census.mjs
node bench/census-root.mjs
node bench/outage.mjs
node bench/load.mjs
