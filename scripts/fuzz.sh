#!/bin/sh
# Builds the libFuzzer targets of fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz/), then runs each for a bounded
# time on its seed corpus (fuzz/corpus/NAME, copied so the repository's seeds
# stay as they are).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     default: 60, every target
#   scripts/fuzz.sh TARGET [SECONDS]                     e.g. scripts/fuzz.sh analyzer 120
#
# A TARGET may be named with or without its _fuzzer suffix. A target's own
# libFuzzer flags (e.g. max_len) come from fuzz/TARGET.options, if any:
# "name = value" lines, as in OSS-Fuzz.
#
# Exit status: 0 when no target found anything, 1 otherwise (the crashing
# input is left as build-fuzz/crash-* with its stack trace above it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-60} in
  *[!0-9]*) seconds=${2:-60}; set -- "$1" ;;  # TARGET [SECONDS]
  *) seconds=${1:-60}; [ $# -gt 0 ] && shift ;;
esac
cmake -S "$root" -B "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DQUARRY_FUZZ=ON -DQUARRY_BUILD_TESTS=OFF >/dev/null
targets=
for name in ${*:-$(cd "$root/fuzz" && ls *_fuzzer.cc | sed 's/\.cc$//')}; do
  targets="$targets ${name%_fuzzer}_fuzzer"
done
for target in $targets; do
  cmake --build "$root/build-fuzz" -j2 --target "$target"
done
status=0
for target in $targets; do
  work=$root/build-fuzz/corpus-$target
  mkdir -p "$work"
  [ -d "$root/fuzz/corpus/${target%_fuzzer}" ] && cp -n "$root/fuzz/corpus/${target%_fuzzer}"/* "$work"/ 2>/dev/null || true
  flags=
  [ -f "$root/fuzz/$target.options" ] &&
    flags=$(sed -n 's/^[[:space:]]*\([a-z_]*\)[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/-\1=\2/p' "$root/fuzz/$target.options")
  echo "== $target for ${seconds}s $flags"
  # $flags unquoted: one word per flag.
  (cd "$root/build-fuzz" && "./fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 $flags "$work") || status=1
done
exit $status
