#!/usr/bin/env bash
# Installs what a clean Debian machine lacks for the tests: PHP 8.2 with the extensions the plugin
# and WordPress use, MariaDB, PHPUnit, php-codesniffer and Chromium. Skips what is already there.
set -euo pipefail

packages=()
have_ext() { php -r "exit(extension_loaded('$1') ? 0 : 1);" 2>/dev/null; }

command -v php >/dev/null || packages+=(php8.2-cli)
for ext in gmp bcmath mysqli curl dom mbstring; do
	if ! command -v php >/dev/null || ! have_ext "$ext"; then
		case "$ext" in
			mysqli) packages+=(php8.2-mysql) ;;
			dom) packages+=(php8.2-xml) ;;
			*) packages+=("php8.2-$ext") ;;
		esac
	fi
done
command -v mariadbd >/dev/null || packages+=(mariadb-server)
command -v phpunit >/dev/null || packages+=(phpunit)
command -v phpcs >/dev/null || packages+=(php-codesniffer)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v unzip >/dev/null || packages+=(unzip)
# msgfmt compiles the test locale's .mo (tests/e2e/i18n.test.mjs).
command -v msgfmt >/dev/null || packages+=(gettext)

if [ ${#packages[@]} -eq 0 ]; then
	exit 0
fi
echo "Installing system packages: ${packages[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
	echo "Missing system packages: ${packages[*]}. Install them with apt-get (as root) and run again." >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
