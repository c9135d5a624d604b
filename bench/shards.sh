#!/usr/bin/env bash
# bench/shards.sh: the cost and benefit of shards (issue 8).
#
# Builds a corpus of COPIES decompressed copies of the linux-doc tree
# (/usr/share/doc/linux-doc-6.1/Documentation, Debian package linux-doc-6.1;
# 10 copies = about 88,000 files), then measures
#   - index time (and peak memory) into one database and into 2 shards;
#   - query latency, median and 99th percentile, of quarry-search over one
#     database, the 2 local shards, and the same 2 shards served by two
#     quarry-shard-server processes on 127.0.0.1.
# Each latency is the wall time of one whole quarry-search process (start,
# open, search, 10 results with snippets, exit), as a user sees it.
#
# Usage: bench/shards.sh [--copies N] [--rounds R] [--work DIR] [--build DIR]
#   --copies N   copies of the tree (default 10)
#   --rounds R   times each query runs per configuration (default 5)
#   --work DIR   scratch folder for corpus and indexes (default /tmp/quarry-bench-shards)
#   --build DIR  build folder with the binaries (default build)
set -euo pipefail

copies=10
rounds=5
work=/tmp/quarry-bench-shards
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$repo/build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --copies) copies=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "shards.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
index=$build/indexer/quarry-index
search=$build/searcher/quarry-search
server=$repo/scripts/quarry-shard-server
source_tree=/usr/share/doc/linux-doc-6.1/Documentation
for tool in "$index" "$search"; do
  [[ -x $tool ]] || { echo "shards.sh: $tool missing: build first" >&2; exit 2; }
done
[[ -d $source_tree ]] || { echo "shards.sh: install linux-doc-6.1" >&2; exit 2; }

corpus=$work/corpus-$copies
if [[ ! -f $corpus/.complete ]]; then
  echo "preparing $copies decompressed copies of $source_tree in $corpus ..."
  rm -rf "$corpus"
  mkdir -p "$corpus"
  cp -r "$source_tree" "$corpus/copy-00"
  gunzip -r -q "$corpus/copy-00" || true
  for ((i = 1; i < copies; i++)); do cp -r "$corpus/copy-00" "$corpus/$(printf copy-%02d "$i")"; done
  touch "$corpus/.complete"
fi
files=$(find "$corpus" -type f ! -name .complete | wc -l)
echo "corpus: $files files, $(du -sh "$corpus" | cut -f1)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# index DB [EXTRA...]: a fresh index of the corpus, timed.
timed_index() {
  local db=$1; shift
  rm -rf "$db"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$index" --quiet --db "$db" "$@" "$corpus" || true
  end=$(date +%s.%N)
  printf '%-28s %8.1f s  peak RSS %6d MB  index size %s\n' "index $(basename "$db")" \
    "$(echo "$end - $start" | bc)" $(( $(cat "$work/rss") / 1024 )) "$(du -sh "$db" | cut -f1)"
}
echo
timed_index "$work/one"
timed_index "$work/two" --shards 2

# Queries: words and phrases that occur in the kernel documentation.
queries=(
  "memory barrier" "page cache" "interrupt handler" "device tree" "spinlock"
  "scheduler latency" "file system" "usb gadget" "power management" "dma mapping"
  "kernel module" "network driver" "rcu" "cgroup" "ftrace" "kasan" "bpf verifier"
  "firmware loading" "clock source" "gpio" "i2c" "watchdog timer" "hotplug" "numa"
  "virtual memory" "block layer" "crypto api" "security module" "tracepoints" "kconfig"
)

ports=()
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$work/remote"
: > "$work/remote/XAPIANDB"
for shard in shard-000 shard-001; do
  port=$(free_port)
  # The readiness probe below connects and hangs up, which the server logs.
  "$server" --interface 127.0.0.1 --port "$port" "$work/two/$shard" 2>>"$work/servers.log" &
  servers+=($!)
  echo "remote 127.0.0.1:$port" >> "$work/remote/XAPIANDB"
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

# latency NAME DB: runs every query $rounds times, prints median and p99 (ms).
latency() {
  local name=$1 db=$2
  python3 - "$search" "$db" "$rounds" "${queries[@]}" <<'PY' | sed "s/^/$(printf '%-28s' "search $name")/"
import statistics, subprocess, sys, time
search, db, rounds, queries = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
times = []
for query in queries:  # one warm-up run each, not counted
    subprocess.run([search, "--db", db, query], stdout=subprocess.DEVNULL)
for _ in range(rounds):
    for query in queries:
        start = time.perf_counter()
        subprocess.run([search, "--db", db, query], stdout=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
times.sort()
p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
print(f" median {statistics.median(times):7.1f} ms  p99 {p99:7.1f} ms  ({len(times)} searches)")
PY
}
echo
latency "one database" "$work/one"
latency "2 local shards" "$work/two"
latency "2 remote shards (loopback)" "$work/remote"
