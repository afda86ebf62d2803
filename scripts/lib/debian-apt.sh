# Sourced by scripts/get-wordpress.sh and scripts/get-vendor.sh: a private apt configuration for
# Debian trixie (main + security) under .cache/apt, which changes nothing on the host.
# Needs $cache set; defines $apt_dir, apt_opts and debian_download PACKAGE...
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

# debian_download DIR PACKAGE[=VERSION]...: updates the private lists and downloads the packages'
# .deb files into DIR (nothing is installed).
debian_download() {
  local into=$1
  shift
  command -v apt-get >/dev/null || return 1
  apt-get "${apt_opts[@]}" update -qq >/dev/null || return 1
  mkdir -p "$into"
  (cd "$into" && apt-get "${apt_opts[@]}" download -qq "$@") || return 1
}
