#!/usr/bin/env bash
# Builds Xapian as a static library for quarry-search, from Debian's own
# source package of the libxapian-dev installed (same version, Debian's
# patches), into .deps/xapian-static/ (ignored by git; built once, about two
# minutes on two cores). Debian ships libxapian only as a shared library,
# and loading it and libstdc++ at every start is a third of a search
# process's time (bench/README.md, "Search latency"); CMakeLists.txt links
# quarry-search against this copy when it is there, and against
# libxapian.so otherwise. quarry-index and the tests always use Debian's
# libxapian.so.
#
#   scripts/static-xapian.sh        (run by scripts/setup.sh)
#
# Any failure (no network, no such source version, a build error) is said
# on stderr and leaves nothing behind: the exit status is 0 either way, as
# quarry-search then simply starts slower.
set -uo pipefail

QUARRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$QUARRY_ROOT/.deps/xapian-static"

say() { echo "static-xapian: $*" >&2; }

version="$(dpkg-query -W -f='${source:Version}' libxapian-dev 2>/dev/null)"
if [ -z "$version" ]; then
  say "libxapian-dev is not installed; quarry-search will link libxapian.so"
  exit 0
fi
upstream="${version%-*}"
if [ -f "$DEST/lib/libxapian.a" ] && [ "$(cat "$DEST/VERSION" 2>/dev/null)" = "$upstream" ]; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  say "$* (see $QUARRY_ROOT/.deps/xapian-static.log); quarry-search will link libxapian.so"
  exit 0
}
mkdir -p "$QUARRY_ROOT/.deps"
log="$QUARRY_ROOT/.deps/xapian-static.log"
: > "$log"

# A private apt configuration that knows Debian's source packages: the
# system's sources and state are left as they are, and no root is needed.
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
mirror="$(sed -n 's/^URIs:[[:space:]]*\(http[^ ]*debian\)[[:space:]]*$/\1/p' \
  /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)"
mirror="${mirror:-http://deb.debian.org/debian}"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
for suite in "$codename" "$codename-updates"; do
  echo "deb-src [signed-by=$keyring] $mirror $suite main"
done > "$work/sources.list"
apt_options=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
             -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
say "fetching Debian's xapian-core $version source"
apt-get "${apt_options[@]}" -qq update >>"$log" 2>&1 || fail "cannot read Debian's source index"
(cd "$work" && apt-get "${apt_options[@]}" -qq source --download-only "xapian-core=$version") \
  >>"$log" 2>&1 || fail "cannot fetch xapian-core $version"
# Unpacked with Debian's patches applied.
(cd "$work" && dpkg-source -x "xapian-core_${version#*:}.dsc" src) >>"$log" 2>&1 ||
  fail "cannot unpack xapian-core $version"

say "building libxapian.a (about two minutes)"
# Debian's own flags (hardening included) without debugging information,
# and position-independent code for a position-independent executable.
# Only the library is built (not Xapian's tools and tests).
cxxflags="$(dpkg-buildflags --get CXXFLAGS) -g0 -fPIC"
cppflags="$(dpkg-buildflags --get CPPFLAGS)"
(cd "$work/src" &&
  ./configure --disable-shared --enable-static --disable-documentation \
    CXXFLAGS="$cxxflags" CPPFLAGS="$cppflags" &&
  make -j "$(nproc)" libxapian.la) >>"$log" 2>&1 || fail "the build of xapian-core failed"
[ -f "$work/src/.libs/libxapian.a" ] || fail "the build made no libxapian.a"

rm -rf "$DEST.new" "$DEST"
mkdir -p "$DEST.new/lib"
cp "$work/src/.libs/libxapian.a" "$DEST.new/lib/"
echo "$upstream" > "$DEST.new/VERSION"
mv "$DEST.new" "$DEST"
say "built $DEST/lib/libxapian.a ($upstream)"
