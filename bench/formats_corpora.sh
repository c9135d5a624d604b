#!/bin/sh
# Indexes two real Debian documentation trees the way a new user would, and
# prints for each: the summary line, time and peak memory, why files were
# skipped or failed, and the top results of three queries.
#
#   bench/formats_corpora.sh [BUILD_DIR]     (default: build)
#
# Needs the Debian packages python3.11-doc (about 500 HTML pages) and
# linux-doc-6.1 (about 8,800 gzipped .rst/.txt/.yaml files), and GNU time.
set -eu
build=$(cd "${1:-build}" && pwd)
index=$build/indexer/quarry-index
search=$build/searcher/quarry-search
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # name folder query...
  name=$1 folder=$2
  shift 2
  if [ ! -d "$folder" ]; then
    echo "== $name: $folder is missing (install its Debian package)"
    return
  fi
  echo "== $name: $folder ($(find "$folder" -type f | wc -l) files)"
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    "$index" --db "$work/$name" --verbose "$folder" 2>"$work/$name.log" || true
  tail -n 1 "$work/$name.log"
  echo "-- skipped or failed, by reason:"
  grep -v -e '^quarry-index: add ' -e '^wall ' "$work/$name.log" \
    | sed -e 's/^quarry-index: skip [^ ]* (/skip (/' -e 's/^quarry-index: [^ ]*: /fail: /' \
    | sed -e 's/(.*: \(too large when decompressed\).*/(\1)/' | sort | uniq -c | sort -rn
  for query in "$@"; do
    echo "-- quarry-search -n 5 \"$query\""
    (cd "$folder" && "$search" --db "$work/$name" -n 5 --snippet-length 0 --color never "$query" \
      | grep -v '^$') || true
  done
}

run pydoc /usr/share/doc/python3.11/html \
  "list comprehension" "asyncio event loop" "unicode normalization"
run kdoc /usr/share/doc/linux-doc-6.1/Documentation \
  "memory barriers" "rcu read lock" "spi device tree binding"
