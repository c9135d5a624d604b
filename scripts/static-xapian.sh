#!/usr/bin/env bash
# Builds Xapian as a static library for quarry-search, from Debian's own
# source package of the libxapian-dev installed (same version, Debian's
# patches if any), into .deps/xapian-static/ (ignored by git; built once,
# about two minutes on two cores). Debian ships libxapian only as a shared
# library, and loading it and libstdc++ at every start is a third of a
# search process's time (bench/README.md, "Search latency"); CMakeLists.txt
# links quarry-search against this copy when it is there (at the next cmake
# run), and against libxapian.so otherwise. quarry-index and the tests
# always use Debian's libxapian.so.
#
#   scripts/static-xapian.sh        (run by scripts/setup.sh)
#
# QUARRY_STATIC_XAPIAN=0 skips it. A failure (no network, no such source
# version, a build error) is said on stderr, logged in
# .deps/xapian-static.log and remembered in .deps/xapian-static.failed, so
# that later set-ups do not try again for that version (delete the file to
# retry); the exit status is 0 either way, as quarry-search then simply
# starts slower.
set -uo pipefail

QUARRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$QUARRY_ROOT/.deps"
DEST="$DEPS/xapian-static"
LOG="$DEPS/xapian-static.log"
FAILED="$DEPS/xapian-static.failed"

say() { echo "static-xapian: $*" >&2; }

if [ "${QUARRY_STATIC_XAPIAN:-1}" = "0" ]; then
  say "skipped (QUARRY_STATIC_XAPIAN=0); quarry-search will link libxapian.so"
  exit 0
fi
version="$(dpkg-query -W -f='${source:Version}' libxapian-dev 2>/dev/null)"
if [ -z "$version" ]; then
  say "libxapian-dev is not installed; quarry-search will link libxapian.so"
  exit 0
fi
# 1.4.22-1+deb12u1 -> 1.4.22 (the headers' version); an epoch goes too.
upstream="${version#*:}"
upstream="${upstream%-*}"
if [ -f "$DEST/lib/libxapian.a" ] && [ "$(cat "$DEST/DEBIAN_VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
if [ "$(cat "$FAILED" 2>/dev/null)" = "$version" ]; then
  say "the static build of xapian-core $version failed before (see $LOG; delete $FAILED to" \
      "try again); quarry-search will link libxapian.so"
  exit 0
fi

mkdir -p "$DEPS" || { say "cannot create $DEPS; quarry-search will link libxapian.so"; exit 0; }
# One build at a time in a clone.
exec 9>"$DEPS/.lock"
flock 9
# In .deps rather than /tmp, which may be mounted noexec (configure runs
# what it compiles).
work="$(mktemp -d -p "$DEPS" build.XXXXXX)" || { say "cannot create a build folder in $DEPS"; exit 0; }
trap 'rm -rf "$work"' EXIT
: > "$LOG"
fail() {
  say "$* (see $LOG); quarry-search will link libxapian.so"
  echo "$version" > "$FAILED"
  exit 0
}

# A private apt configuration that knows Debian's source packages: the
# Debian entries of the system's own sources (their mirrors, suites and
# keys, security updates included) as deb-src; the system's sources, lists
# and update hooks are left as they are, and no root is needed.
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" || fail "cannot set up apt"
for file in /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] || continue
  # deb822 stanzas (blank-line separated) of Debian's archive, as deb-src.
  awk -v RS= -v ORS='\n\n' '/URIs:[^\n]*debian/ && /Types:[^\n]*deb/ {
         sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$file" > "$work/parts/$(basename "$file")"
done
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$file" ] || continue
  sed -n 's/^[[:space:]]*deb\([[:space:]].*debian.*\)$/deb-src\1/p' "$file" > "$work/parts/$(basename "$file").list"
done
if ! grep -qs "debian" "$work"/parts/*; then
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  for suite in "$codename" "$codename-updates"; do
    echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $suite main"
  done > "$work/parts/fallback.list"
  echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian-security $codename-security main" \
    >> "$work/parts/fallback.list"
fi
cat > "$work/apt.conf" <<'EOF'
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
EOF
apt_options=(-c "$work/apt.conf" -o "Dir::Etc::SourceList=$work/none.list" -o "Dir::Etc::SourceParts=$work/parts"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
             -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
say "fetching Debian's xapian-core $version source"
apt-get "${apt_options[@]}" -qq update >>"$LOG" 2>&1
if ! (cd "$work" && apt-get "${apt_options[@]}" -qq source --download-only "xapian-core=$version") >>"$LOG" 2>&1; then
  fail "cannot fetch xapian-core $version from Debian's source archive (offline, or that version is no longer served)"
fi
# Unpacked with Debian's patches applied.
(cd "$work" && dpkg-source -x "xapian-core_${version#*:}.dsc" src) >>"$LOG" 2>&1 ||
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
  make -j "$(nproc)" libxapian.la) >>"$LOG" 2>&1 || fail "the build of xapian-core failed"

# Staged, checked, then put in place in one rename; the version files last.
stage="$work/stage"
{ mkdir -p "$stage/lib" &&
  cp "$work/src/.libs/libxapian.a" "$stage/lib/" &&
  ar t "$stage/lib/libxapian.a" >/dev/null &&
  echo "$upstream" > "$stage/VERSION" &&
  echo "$version" > "$stage/DEBIAN_VERSION"; } || fail "cannot keep the built libxapian.a"
rm -rf "$DEST" && mv -T "$stage" "$DEST" || fail "cannot put libxapian.a in $DEST"
rm -f "$FAILED"
say "built $DEST/lib/libxapian.a (xapian-core $version); cmake links it at its next run"
