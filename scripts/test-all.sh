#!/usr/bin/env bash
# npm test: installs what a clean machine lacks, builds, and runs every suite:
# lint, Jest, PHPUnit unit, the scripts' process handling, PHPUnit integration (WordPress +
# MariaDB + chain; once without and once with a Redis object cache), the scale-out and fault
# suites (two PHP nodes sharing MariaDB and Redis; RPC and hub faults), Playwright e2e, and the
# Playground smoke test on the PHP floor and the newest PHP.
# Ends with one summary line and a non-zero exit on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=.cache/test-logs
mkdir -p "$logs"

step() { printf '\n==> %s\n' "$*"; }
fail_setup() { echo "Setup failed: $*" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }

step "System packages"
bash scripts/install-system-deps.sh || fail_setup "system packages"

step "npm packages"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	bash scripts/npm-install.sh || fail_setup "npm packages"
fi

step "WordPress 6.8"
bash scripts/get-wordpress.sh || fail_setup "WordPress"

step "PHP libraries (vendor/)"
bash scripts/get-vendor.sh || fail_setup "vendor"

step "Build"
{ npm run --silent build && npm run --silent plugin-zip >/dev/null; } || fail_setup "build"

passed=0
failed=0
failed_suites=()
# run NAME COMMAND...: runs a suite, keeps its log, adds its test counts to the totals.
run() {
	local name=$1
	shift
	step "$name"
	"$@" 2>&1 | tee "$logs/$name.log"
	local status=${PIPESTATUS[0]}
	local log="$logs/$name.log" p=0 f=0
	case "$name" in
		jest)
			p=$(grep -oE 'Tests:.* ([0-9]+) passed' "$log" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' | tail -1)
			f=$(grep -oE 'Tests:.* ([0-9]+) failed' "$log" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1) ;;
		phpunit-*)
			if grep -qE '^OK \(' "$log"; then
				p=$(grep -oE '^OK \(([0-9]+) test' "$log" | grep -oE '[0-9]+' | tail -1)
			else
				local total errors failures
				total=$(grep -oE '^Tests: [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
				errors=$(grep -oE 'Errors: [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
				failures=$(grep -oE 'Failures: [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
				f=$(( ${errors:-0} + ${failures:-0} ))
				p=$(( ${total:-0} - f ))
			fi ;;
		e2e|scripts|scale|php-versions)
			p=$(grep -oE '^# pass [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
			f=$(grep -oE '^# fail [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1) ;;
		lint)
			[ "$status" -eq 0 ] && p=1 || f=1 ;;
	esac
	p=${p:-0}
	f=${f:-0}
	# A suite that exits non-zero fails even when no count could be read from it.
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$(( passed + p ))
	failed=$(( failed + f ))
	if [ "$status" -ne 0 ]; then failed_suites+=("$name"); fi
	echo "--- $name: $p passed, $f failed (exit $status)"
}

run lint npm run --silent lint
run jest npm run --silent test:js
run phpunit-unit npm run --silent test:php-unit
run scripts npm run --silent test:scripts
run phpunit-integration npm run --silent test:php-integration
run phpunit-integration-redis env SP_OBJECT_CACHE=redis npm run --silent test:php-integration
run scale npm run --silent test:scale
run e2e npm run --silent test:e2e
run php-versions npm run --silent test:php-versions

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
	echo "Failed suites: ${failed_suites[*]} (logs in $logs/)"
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_suites[@]} -eq 0 ]
