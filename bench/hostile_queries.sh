#!/bin/sh
# Times quarry-search on the hostile queries of issue 16: 10,000 words
# joined by OR, 10,000 plain words, and 1 MiB of words (given as many
# arguments: one argument is at most 128 KiB). The words are real ones,
# taken from linux-doc-6.1's Documentation (package linux-doc-6.1), and the
# index is one of that tree, e.g.
#   build/indexer/quarry-index --db /tmp/kdoc /usr/share/doc/linux-doc-6.1/Documentation
#
#   bench/hostile_queries.sh DB [QUARRY_SEARCH [RUNS]]
#
# Prints, per query and run, the elapsed time, the CPU time (user + system;
# steadier than elapsed on a busy machine) and the peak memory, from GNU
# time (package time).
set -eu
db=$1
search=${2:-$(cd "$(dirname "$0")/.." && pwd)/build/searcher/quarry-search}
runs=${3:-3}
docs=/usr/share/doc/linux-doc-6.1/Documentation
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Every third distinct word of four letters or more, in a fixed order.
zcat "$docs"/*/*.rst.gz | tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' | awk 'length > 3' | sort -u |
  awk 'NR % 3 == 0' | head -10000 >"$work/words"
paste -sd' ' "$work/words" | sed 's/ / OR /g' >"$work/10k-or"
paste -sd' ' "$work/words" >"$work/10k"
# 1 MiB: the word list again and again.
: >"$work/1m"
while [ "$(wc -c <"$work/1m")" -lt 1048576 ]; do cat "$work/10k" >>"$work/1m"; done
head -c 1048576 "$work/1m" | sed 's/ [^ ]*$//' >"$work/1m-cut" && mv "$work/1m-cut" "$work/1m"
for query in 10k-or 10k 1m; do
  i=0
  while [ $i -lt "$runs" ]; do
    # Unquoted: the query as many arguments, which quarry-search joins.
    # shellcheck disable=SC2046
    /usr/bin/time -f "$query: %e s elapsed, %U + %S s CPU, %M KB" \
      "$search" --db "$db" -n 10 $(cat "$work/$query") 2>&1 >/dev/null | tail -1
    i=$((i + 1))
  done
done
