#!/usr/bin/env bash
# Installs what a clean Debian machine (bookworm or later) lacks for the tests: Debian's default PHP
# (php-cli and the extensions the plugin and WordPress use), MariaDB, Redis with php-redis
# (the object-cache test run), PHPUnit, php-codesniffer and
# Chromium. Skips what is already there.
#
# The php-* names are Debian's metapackages for its default PHP (8.2 on bookworm, 8.4 on trixie),
# so one list serves every release. Optional packages that a release does not carry (trixie has no
# php-codesniffer) are left out with a notice; the checks that use them skip themselves.
set -euo pipefail

packages=()
optional=()
have_ext() { command -v php >/dev/null && php -r "exit(extension_loaded('$1') ? 0 : 1);" 2>/dev/null; }

# PHP: the CLI, then one package per extension (extension name, package).
command -v php >/dev/null || packages+=(php-cli)
for pair in gmp:php-gmp bcmath:php-bcmath mysqli:php-mysql curl:php-curl dom:php-xml mbstring:php-mbstring; do
	have_ext "${pair%%:*}" || packages+=("${pair#*:}")
done

# Services and tools.
command -v mariadbd >/dev/null || packages+=(mariadb-server)
command -v redis-server >/dev/null || packages+=(redis-server)
{ command -v php >/dev/null && have_ext redis; } || packages+=(php-redis)
command -v phpunit >/dev/null || packages+=(phpunit)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v unzip >/dev/null || packages+=(unzip)
# msgfmt compiles the test locale's .mo (tests/e2e/i18n.test.mjs).
command -v msgfmt >/dev/null || packages+=(gettext)

# Optional: scripts/lint-php.sh skips the coding-standard check without it.
command -v phpcs >/dev/null || optional+=(php-codesniffer)

if [ ${#packages[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
	[ ${#packages[@]} -eq 0 ] && exit 0
	echo "Missing system packages: ${packages[*]}. Install them with apt-get (as root) and run again." >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q

available() { apt-cache policy "$1" 2>/dev/null | grep -qE '^ +Candidate: [^(]'; }
for package in "${optional[@]}"; do
	if available "$package"; then
		packages+=("$package")
	else
		echo "Not in this release's archive, skipped: $package." >&2
	fi
done
[ ${#packages[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${packages[*]}"
apt-get install -y -q --no-install-recommends "${packages[@]}"
