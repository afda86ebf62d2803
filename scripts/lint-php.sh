#!/usr/bin/env bash
# PHP checks: every PHP file of the plugin, its tests and scripts compiled under the declared PHP
# floor and the newest PHP (php-wasm, scripts/lint-php-versions.mjs), the architecture check
# (scripts/check-architecture.php), then php-codesniffer's ruleset.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
node scripts/lint-php-versions.mjs || status=1
php scripts/check-architecture.php || status=1
if command -v phpcs >/dev/null; then
	phpcs --standard=phpcs.xml.dist || status=1
else
	echo "phpcs not found (apt-get install php-codesniffer): skipped the coding-standard check." >&2
fi
[ "$status" -eq 0 ] && echo "PHP lint: clean."
exit "$status"
