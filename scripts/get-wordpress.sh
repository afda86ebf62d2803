#!/usr/bin/env bash
# Obtains WordPress 6.8 into .cache/wordpress (pristine core, never written to by a running site).
# Source: Debian trixie packages through a private apt configuration (no change to the host's
# sources), or wordpress.org when it is reachable and Debian is not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$cache/wordpress"
[ -f "$dest/wp-includes/version.php" ] && { echo "WordPress: $(grep -o "wp_version = '[^']*'" "$dest/wp-includes/version.php")"; exit 0; }

apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/debs" "$apt_dir/sources.list.d"
mirror=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
mirror=${mirror:-http://deb.debian.org/debian}
security=${mirror%/debian*}/debian-security
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat > "$apt_dir/sources.list" <<LIST
deb [signed-by=$keyring] ${mirror%/} trixie main
deb [signed-by=$keyring] ${security} trixie-security main
LIST
apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::archives=$apt_dir/debs" -o "APT::Get::List-Cleanup=0"
  -o "Debug::NoLocking=1")

fetch_debian() {
  command -v apt-get >/dev/null || return 1
  apt-get "${apt_opts[@]}" update -qq >/dev/null || return 1
  (cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download -qq \
    wordpress wordpress-theme-twentytwentyfive libjs-underscore libjs-lodash libjs-cropper php-getid3) || return 1
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
