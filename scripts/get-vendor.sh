#!/usr/bin/env bash
# Bundles the PHP libraries the plugin runs with into vendor/ (ignored by git, shipped in the
# plugin zip): league/commonmark and its dependencies, from Debian trixie's packages through the
# private apt configuration of scripts/lib/debian-apt.sh. Each library keeps its copyright file.
# No Composer: the PHP files keep Debian's /usr/share/php layout under vendor/php/, where each
# namespace is its folder, and includes/autoload.php maps the libraries' prefixes there. Licences
# go to vendor/licenses/<package>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$root/vendor"
# Debian package[=version]:folder it installs under /usr/share/php.
packages=(
  "php-league-commonmark=2.7.0-1+deb13u1:League/CommonMark"
  "php-league-config:League/Config"
  "php-dflydev-dot-access-data:Dflydev/DotAccessData"
  "php-nette-schema:Nette/Schema"
  "php-nette-utils:Nette"
  "php-psr-event-dispatcher:Psr/EventDispatcher"
  "php-symfony-deprecation-contracts:Symfony/Contracts/Deprecation"
)
stamp="$dest/.debian-packages"
want=$(printf '%s\n' "${packages[@]}")
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "vendor/: up to date"
  exit 0
fi

# shellcheck source=lib/debian-apt.sh
. "$root/scripts/lib/debian-apt.sh"
debs="$apt_dir/vendor-debs"
rm -rf "$debs"
names=()
for entry in "${packages[@]}"; do names+=("${entry%%:*}"); done
debian_download "$debs" "${names[@]}" || { echo "Could not download the PHP libraries from Debian trixie." >&2; exit 1; }

unpack="$apt_dir/vendor-unpack"
rm -rf "$unpack" "$dest.tmp" && mkdir -p "$unpack" "$dest.tmp"
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$unpack"; done
mkdir -p "$dest.tmp/php"
for entry in "${packages[@]}"; do
  IFS=: read -r package folder <<<"$entry"
  package=${package%%=*}
  [ -d "$unpack/usr/share/php/$folder" ] || { echo "$package: /usr/share/php/$folder not found in the package." >&2; exit 1; }
  mkdir -p "$dest.tmp/licenses/$package"
  cp "$unpack/usr/share/doc/$package/copyright" "$dest.tmp/licenses/$package/copyright"
  dpkg-deb -f "$debs/${package}_"*.deb Version >"$dest.tmp/licenses/$package/version"
done
cp -rL "$unpack/usr/share/php/." "$dest.tmp/php/"
# Debian's autoloaders (one per package) are not used: includes/autoload.php loads the classes.
find "$dest.tmp/php" -name autoload.php -delete
printf '%s\n' "$want" >"$dest.tmp/.debian-packages"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "vendor/: $(cd "$dest/licenses" && for p in *; do printf '%s %s; ' "$p" "$(cat "$p/version")"; done)"
