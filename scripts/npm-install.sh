#!/usr/bin/env bash
# Installs the npm packages from package-lock.json.
#
# `npm ci` first. npm 11.16+ rejects its own lockfile when the registry does not serve some
# platform-specific optional packages (npm/cli#9846; here: @unrs/resolver-binding-* for other
# platforms). In that one case, `npm install --no-save` installs the same locked tree without
# rewriting the lockfile.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
if npm ci --no-audit --no-fund 2>&1 | tee "$log"; then
	rm -f "$log"
	exit 0
fi
if grep -q "EUSAGE" "$log" && grep -q "from lock file" "$log"; then
	rm -f "$log"
	echo "npm ci refused the lockfile over optional packages this registry does not serve; installing the locked tree with npm install --no-save."
	npm install --no-save --no-audit --no-fund
	exit $?
fi
rm -f "$log"
exit 1
