#!/usr/bin/env bash
# Obtains WordPress 6.8 into .cache/wordpress (pristine core, never written to by a running site).
# Source: Debian trixie packages through a private apt configuration (no change to the host's
# sources), or wordpress.org when it is reachable and Debian is not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$cache/wordpress"
[ -f "$dest/wp-includes/version.php" ] && { echo "WordPress: $(grep -o "wp_version = '[^']*'" "$dest/wp-includes/version.php")"; exit 0; }

# shellcheck source=lib/debian-apt.sh
. "$root/scripts/lib/debian-apt.sh"

fetch_debian() {
  debian_download "$apt_dir/debs" \
    wordpress wordpress-theme-twentytwentyfive libjs-underscore libjs-lodash libjs-cropper php-getid3 || return 1
  local unpack="$apt_dir/unpack"
  rm -rf "$unpack" && mkdir -p "$unpack"
  for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$unpack"; done
  # Absolute symlinks point into the package root, not into this machine's /.
  while IFS= read -r link; do
    target=$(readlink "$link")
    case "$target" in
      /*) if [ -e "$unpack$target" ]; then ln -sfn "$unpack$target" "$link"; else rm -f "$link"; fi ;;
    esac
  done < <(find "$unpack" -type l)
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  cp -rL "$unpack/usr/share/wordpress/." "$dest.tmp/"
  # Debian keeps wp-content under /var/lib/wordpress and themes under /usr/share/wordpress.
  rm -rf "$dest.tmp/wp-content" && mkdir -p "$dest.tmp/wp-content/themes" "$dest.tmp/wp-content/plugins" "$dest.tmp/wp-content/uploads"
  cp -rL "$unpack/usr/share/wordpress/wp-content/themes/." "$dest.tmp/wp-content/themes/" 2>/dev/null || true
  [ -d "$unpack/var/lib/wordpress/wp-content/themes" ] && cp -rL "$unpack/var/lib/wordpress/wp-content/themes/." "$dest.tmp/wp-content/themes/"
  rm -f "$dest.tmp/wp-config.php"
}

fetch_wordpress_org() {
  local tgz="$cache/wordpress-6.8.tar.gz"
  curl -fsSL --max-time 120 -o "$tgz" https://wordpress.org/wordpress-6.8.tar.gz || return 1
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  tar -xzf "$tgz" -C "$dest.tmp" --strip-components=1
}

if fetch_debian || fetch_wordpress_org; then
  rm -rf "$dest" && mv "$dest.tmp" "$dest"
  echo "WordPress: $(grep -o "wp_version = '[^']*'" "$dest/wp-includes/version.php")"
else
  echo "Could not obtain WordPress from Debian trixie or wordpress.org." >&2
  exit 1
fi
