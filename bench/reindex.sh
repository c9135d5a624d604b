#!/bin/sh
# bench/reindex.sh: the cost of a cron rerun with nothing to do (issue 4).
#
# Copies Debian's linux-doc-6.1 Documentation tree to a scratch folder,
# decompresses it, indexes it once, then times reruns that find nothing
# changed with hyperfine, checks with strace that such a rerun opens no file
# of the corpus (stat only), and times omindex's rerun on the same tree for
# comparison when omindex is installed.
#
# Usage: bench/reindex.sh [BUILD_DIR] [WORK_DIR]
#   BUILD_DIR  a Release build (default: build)
#   WORK_DIR   scratch folder (default: /tmp/quarry-bench-reindex)
set -eu

build=${1:-build}
work=${2:-/tmp/quarry-bench-reindex}
index="$build/indexer/quarry-index"
source_tree=/usr/share/doc/linux-doc-6.1/Documentation

[ -x "$index" ] || { echo "reindex.sh: no $index; build first" >&2; exit 2; }
[ -d "$source_tree" ] || { echo "reindex.sh: install linux-doc-6.1" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "reindex.sh: install hyperfine" >&2; exit 2; }

corpus="$work/Documentation"
if [ ! -d "$corpus" ]; then
  mkdir -p "$work"
  cp -r "$source_tree" "$corpus"
  # Only regular .gz files: the tree holds a symbolic link ending in .gz.
  find "$corpus" -type f -name '*.gz' -exec gunzip -f {} +
fi
echo "corpus: $corpus, $(find "$corpus" -type f | wc -l) files"

db="$work/quarry-db"
rm -rf "$db"
echo "first run (indexes everything):"
"$index" --db "$db" "$corpus" || true

echo
echo "rerun with nothing changed:"
hyperfine -i --warmup 3 --runs 20 "$index --db $db $corpus"

if command -v strace >/dev/null; then
  # Any open of a path inside the corpus other than a folder would mean a
  # file's content was read.
  opened=$(strace -f -e trace=openat -o /dev/stdout "$index" --db "$db" "$corpus" 2>/dev/null |
           grep -F "\"$corpus/" | grep -v O_DIRECTORY | grep -c . || true)
  echo "files of the corpus opened by the rerun (strace): $opened"
else
  echo "(install strace to check that the rerun reads no file contents)"
fi

if command -v omindex >/dev/null; then
  omdb="$work/omindex-db"
  rm -rf "$omdb"
  omindex --db "$omdb" --url / "$corpus" >/dev/null 2>&1 || true
  echo
  echo "omindex rerun with nothing changed, same tree:"
  hyperfine -i --warmup 1 --runs 10 "omindex --db $omdb --url / $corpus"
fi
