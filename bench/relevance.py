#!/usr/bin/env python3
"""Relevance harness: index a test collection with the real quarry-index, run
each of its queries through the real quarry-search, write a TREC run file and
print nDCG@10, MAP, P@10 and Recall@100.

    bench/relevance.py eval/cranfield                 # one collection
    bench/relevance.py eval/*/                        # all seven, plus the mean
    bench/relevance.py --search-arg=--foo eval/npl    # pass options through

A collection folder holds corpus.jsonl (one {"id", "title", "text"} record per
line), queries.tsv (qid<TAB>text) and qrels.txt (TREC qrels); see
eval/README.md. The run keeps Quarry's own order: the score column is
1001 - rank, so the evaluator's re-sorting by score cannot reorder it (Quarry
ranks in tiers, and a raw BM25 weight of a lower tier may be higher).

Standard library only. Exit status 0, or 2 when a tool fails.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ir_eval  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPTH = 1000


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("collections", nargs="+", metavar="COLLECTION", help="collection folder")
    p.add_argument("--build", default=os.path.join(REPO, "build"),
                   help="build folder holding indexer/quarry-index and searcher/quarry-search")
    p.add_argument("--out", default=os.path.join(REPO, "build", "relevance"),
                   help="folder for run files and indexes (default build/relevance)")
    p.add_argument("--index-arg", action="append", default=[],
                   help="extra quarry-index option (repeatable, use --index-arg=--opt)")
    p.add_argument("--search-arg", action="append", default=[],
                   help="extra quarry-search option (repeatable, use --search-arg=--opt)")
    p.add_argument("--tag", default="quarry", help="run tag and run file suffix")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="queries run in parallel (default: number of cores)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    return p.parse_args(argv)


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                qid, _, text = line.partition("\t")
                queries.append((qid, text))
    return queries


def index_collection(args, folder, db):
    shutil.rmtree(db, ignore_errors=True)
    cmd = [os.path.join(args.build, "indexer", "quarry-index"), "--db", db, "--quiet",
           *args.index_arg, os.path.join(folder, "corpus.jsonl")]
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), done.returncode, done.stderr))
    return time.monotonic() - started


def search(args, db, text):
    """Record ids of the hits of `text`, best first."""
    cmd = [os.path.join(args.build, "searcher", "quarry-search"), "--db", db, "--format", "json",
           "-n", str(DEPTH), "--snippet-length", "0", "--plain", *args.search_arg, "--", text]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode == 1:
        return []  # no results
    if done.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), done.returncode, done.stderr))
    return [hit["record_id"] for hit in json.loads(done.stdout)["results"]]


def run_collection(args, folder):
    name = os.path.basename(os.path.normpath(folder))
    db = os.path.join(args.out, "db-" + name)
    index_seconds = index_collection(args, folder, db)
    queries = read_queries(os.path.join(folder, "queries.tsv"))
    with concurrent.futures.ThreadPoolExecutor(max(1, args.workers)) as pool:
        rankings = list(pool.map(lambda q: search(args, db, q[1]), queries))
    lines = []
    for (qid, _), ranking in zip(queries, rankings):
        for rank, docid in enumerate(ranking, 1):
            lines.append("%s Q0 %s %d %d %s" % (qid, docid, rank, DEPTH + 1 - rank, args.tag))
    run_path = os.path.join(args.out, "%s.%s.run" % (name, args.tag))
    with open(run_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(folder, "qrels.txt"), encoding="utf-8") as f:
        qrels = ir_eval.parse_qrels(f)
    _, means = ir_eval.evaluate(qrels, ir_eval.parse_run(lines))
    return {"collection": name, "run": run_path, "index_seconds": index_seconds,
            "queries": len(queries), **means}


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    try:
        for folder in args.collections:
            rows.append(run_collection(args, folder))
    except (RuntimeError, OSError, ValueError) as e:
        print("relevance.py: %s" % e, file=sys.stderr)
        return 2
    if len(rows) > 1:
        rows.append({"collection": "mean", **{m: sum(r[m] for r in rows) / len(rows)
                                               for m in ir_eval.MEASURES}})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("%-10s %8s %8s %8s %10s" % ("collection", "nDCG@10", "MAP", "P@10", "Recall@100"))
    for r in rows:
        print("%-10s %8.4f %8.4f %8.4f %10.4f" % (r["collection"], r["ndcg@10"], r["map"],
                                                  r["p@10"], r["recall@100"]))
    for r in rows:
        if "run" in r:
            print("run file: %s" % r["run"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
