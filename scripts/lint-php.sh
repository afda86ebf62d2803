#!/usr/bin/env bash
# PHP checks: php -l on every PHP file of the plugin and its tests, then php-codesniffer's ruleset.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r -d '' file; do
	php -l "$file" >/dev/null || status=1
done < <(find . -name '*.php' -not -path './node_modules/*' -not -path './.cache/*' -not -path './build/*' -print0)
if command -v phpcs >/dev/null; then
	phpcs --standard=phpcs.xml.dist || status=1
else
	echo "phpcs not found (apt-get install php-codesniffer): skipped the coding-standard check." >&2
fi
[ "$status" -eq 0 ] && echo "PHP lint: clean."
exit "$status"
