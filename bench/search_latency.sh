#!/bin/sh
# Search speed on the Linux kernel Documentation tree (Debian's linux-doc-6.1):
#   1. in-process time per search (median and p99 over the queries of
#      bench/search_queries.txt, several runs each) with quarry-search-latency:
#      the index opened for each search as quarry-search does, then one
#      Searcher kept open as a server keeps it;
#   2. whole-process time, start to exit, of quarry-search (text output,
#      snippets included) and of Xapian's quest on the same database and
#      queries, with hyperfine.
#
#   bench/search_latency.sh [BUILD_DIR [SCRATCH_DIR]]
#
# BUILD_DIR defaults to build/, SCRATCH_DIR to /tmp/quarry-bench-search. The
# tree is copied and decompressed there once, and indexed once (delete the
# folder to start over). Needs: linux-doc-6.1, xapian-tools (quest), hyperfine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
scratch=${2:-/tmp/quarry-bench-search}
queries=$here/search_queries.txt
source_tree=/usr/share/doc/linux-doc-6.1/Documentation

for tool in quest hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "search_latency.sh: needs $tool" >&2; exit 2; }
done
[ -d "$source_tree" ] || { echo "search_latency.sh: install linux-doc-6.1" >&2; exit 2; }

mkdir -p "$scratch"
if [ ! -d "$scratch/Documentation" ]; then
  echo "copying and decompressing $source_tree ..."
  cp -r "$source_tree" "$scratch/Documentation.tmp"
  gunzip -r "$scratch/Documentation.tmp" 2>/dev/null || true
  mv "$scratch/Documentation.tmp" "$scratch/Documentation"
fi
db=$scratch/db
if [ ! -d "$db" ]; then
  echo "indexing ..."
  /usr/bin/time -f "index: %e s, peak RSS %M KiB" "$build/indexer/quarry-index" --db "$db" "$scratch/Documentation"
fi
# Indexes written before spelling came from the term dictionary have a
# spelling table of their own.
spelling=""
[ -e "$db/spelling.glass" ] && spelling=" (spelling table: $(du -h "$db/spelling.glass" | cut -f1))"
echo "index size: $(du -sh "$db" | cut -f1)$spelling"
echo "queries: $(wc -l < "$queries")"

echo "== in-process (quarry-search-latency, warm, 5 runs per query)"
"$build/bench/quarry-search-latency" --db "$db" --queries "$queries" --runs 5 | tail -1
echo "== in-process, one Searcher kept open (as a server would), 5 runs per query"
"$build/bench/quarry-search-latency" --db "$db" --queries "$queries" --runs 5 --keep-open 1 | tail -1

echo "== whole process (hyperfine, warm cache)"
list=$(paste -sd, "$queries")
json=$scratch/hyperfine.json
hyperfine --style none --warmup 2 --runs 10 -i -N --export-json "$json" -L query "$list" \
  "$build/searcher/quarry-search --db $db --color never '{query}'" \
  "quest -d $db -s english '{query}'" >/dev/null 2>&1
python3 - "$json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
by_tool = {}
for r in results:
    tool = "quest" if r["command"].startswith("quest") else "quarry-search"
    by_tool.setdefault(tool, []).extend(r["times"])
for tool, times in by_tool.items():
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * (len(times) - 1) + 0.5))]
    print(f"{tool:14s} median {statistics.median(times) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms "
          f"over {len(times)} runs")
PY
