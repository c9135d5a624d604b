#!/bin/sh
# Builds the libFuzzer targets of fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz/), then runs each for a bounded
# time on its seed corpus (fuzz/corpus/NAME, copied so the repository's seeds
# stay as they are).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     default: 60, every target
#
# Exit status: 0 when no target found anything, 1 otherwise (the crashing
# input is left as build-fuzz/crash-* with its stack trace above it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
cmake -S "$root" -B "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DQUARRY_FUZZ=ON -DQUARRY_BUILD_TESTS=OFF >/dev/null
targets=${*:-$(cd "$root/fuzz" && ls *_fuzzer.cc | sed 's/\.cc$//')}
for target in $targets; do
  cmake --build "$root/build-fuzz" -j2 --target "$target"
done
status=0
for target in $targets; do
  work=$root/build-fuzz/corpus-$target
  mkdir -p "$work"
  [ -d "$root/fuzz/corpus/${target%_fuzzer}" ] && cp -n "$root/fuzz/corpus/${target%_fuzzer}"/* "$work"/ 2>/dev/null || true
  echo "== $target for ${seconds}s"
  (cd "$root/build-fuzz" && "./fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 "$work") || status=1
done
exit $status
