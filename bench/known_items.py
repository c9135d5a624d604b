#!/usr/bin/env python3
"""Known-item benchmark (issue 17): Quarry against plain Xapian BM25 and
omindex + Omega on the queries of bench/known_items/queries.tsv, over real
Debian documentation trees, in one run.

    bench/known_items.py                        # all trees, all three systems
    bench/known_items.py --only quarry          # Quarry alone (the peers' indexes are not needed)
    bench/known_items.py --trees linux-doc      # one tree (repeatable)
    bench/known_items.py --rebuild              # rebuild the peers' mirrors and indexes

For each tree (linux-doc, python-doc, debian: see bench/known_items/README.md)
it indexes the installed files with the real quarry-index (an update run
when the index exists: a no-change rerun, or the files a new Quarry reads
differently), builds once a mirror of the tree with gzip files decompressed
and indexes it with the peers (cached in --work; see plain_bm25.py and
omega_peer.py for exactly what each peer is), runs every query through
`quarry-search --format json`, the BM25 searcher and the Omega CGI program,
maps each result to its tree-relative path and prints MRR@10, Success@1 and
Success@10 per category, per tag, per tree and overall, the document counts
of every index, and the queries Quarry misses (not in its top 10) that a
peer finds. Per-query ranks and Quarry's top 3 go to a TSV file (--ranks).

Exit status 0, or 2 when a tool fails or the set is malformed.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ir_eval  # noqa: E402
import known_item_paths as paths  # noqa: E402
import known_item_set  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEMS = ("quarry", "bm25", "omega")
MIRROR_VERSION = 1  # bump when the mirror changes, to rebuild cached mirrors


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(REPO, "build"),
                   help="build folder holding indexer/quarry-index and searcher/quarry-search")
    p.add_argument("--work", default=os.path.join(REPO, "build", "known-items"),
                   help="folder for indexes, mirrors and results (kept between runs)")
    p.add_argument("--set", default=os.path.join(REPO, "bench", "known_items", "queries.tsv"),
                   help="the query set (default bench/known_items/queries.tsv)")
    p.add_argument("--trees", action="append", choices=sorted(paths.TREES),
                   help="tree to run (repeatable; default all)")
    p.add_argument("--only", choices=SYSTEMS, help="run one system only")
    p.add_argument("--rebuild", action="store_true",
                   help="rebuild the mirrors and the peers' indexes, and Quarry's index from scratch")
    p.add_argument("--ranks", help="per-query TSV (default WORK/ranks.tsv)")
    p.add_argument("--depth", type=int, default=100, help="results fetched per query (default 100)")
    p.add_argument("--workers", type=int, default=2, help="queries run at once (default 2)")
    p.add_argument("--search-arg", action="append", default=[],
                   help="extra quarry-search option (repeatable, use --search-arg=--opt)")
    return p.parse_args(argv)


class Log:
    """Progress lines on stderr, with the time since the start."""

    def __init__(self):
        self.start = time.monotonic()

    def __call__(self, message):
        print("[%6.1f s] %s" % (time.monotonic() - self.start, message), file=sys.stderr, flush=True)


def document_count(db):
    """Documents in the Xapian database at `db` (xapian-delve, xapian-tools)."""
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True).stdout
    found = re.search(r"number of documents = (\d+)", out)
    return int(found.group(1)) if found else None


# ---- Quarry ----------------------------------------------------------------

def quarry_index(args, tree, log):
    """Brings Quarry's index of `tree` up to date; returns (db, seconds, summary)."""
    db = os.path.join(args.work, "quarry", tree.name + ".db")
    if args.rebuild:
        shutil.rmtree(db, ignore_errors=True)
    os.makedirs(os.path.dirname(db), exist_ok=True)
    roots, excludes = paths.quarry_roots_and_excludes(tree)
    cmd = [os.path.join(args.build, "indexer", "quarry-index"), "--db", db]
    for pattern in excludes:
        cmd += ["--exclude", pattern]
    cmd += roots
    log("quarry-index %s" % tree.name)
    started = time.monotonic()
    with open(os.path.join(args.work, "quarry", tree.name + ".log"), "w") as errors:
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=errors, text=True)
    seconds = time.monotonic() - started
    if done.returncode not in (0, 1):
        raise RuntimeError("%s failed (%d); see %s.log" % (" ".join(cmd), done.returncode, db[:-3]))
    return db, seconds, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def quarry_search(args, tree, db, text):
    """(tree-relative paths of the hits, error message or "")."""
    cmd = [os.path.join(args.build, "searcher", "quarry-search"), "--db", db, "--format", "json",
           "-n", str(args.depth), "--snippet-length", "0", *args.search_arg, "--", text]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=args.work)
    if done.returncode == 1:
        return [], ""
    if done.returncode != 0:
        return [], "exit %d: %s" % (done.returncode, done.stderr.strip().replace("\n", " ")[:200])
    hits = json.loads(done.stdout)["results"]
    return [paths.quarry_target(tree, hit["path"], args.work) for hit in hits], ""


# ---- peers -----------------------------------------------------------------

def tree_stamp(tree):
    """What identifies the installed state of a tree: its files, their
    sizes and the latest modification time (with the version of what is
    built from it: see versioned)."""
    files = paths.walk_tree(tree)
    size = latest = 0
    for rel in files:
        st = os.stat(os.path.join(tree.root, rel))
        size += st.st_size
        latest = max(latest, int(st.st_mtime))
    return {"files": len(files), "bytes": size, "latest_mtime": latest}


def versioned(stamp, version):
    """`stamp` for something built from the tree by code of `version`."""
    return dict(stamp, peer_version=version)


def read_stamp(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def write_stamp(path, stamp):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(stamp, f, sort_keys=True)


def ensure_mirror(args, tree, stamp, log):
    """The mirror folder of `tree` and its manifest, built when missing or
    stale."""
    mirror = os.path.join(args.work, "mirror", tree.name)
    stamp_path = mirror + ".stamp.json"
    stamp = versioned(stamp, MIRROR_VERSION)
    if args.rebuild or read_stamp(stamp_path) != stamp or not os.path.exists(paths.manifest_path(mirror)):
        log("mirror of %s (gzip files decompressed) in %s" % (tree.name, mirror))
        shutil.rmtree(mirror, ignore_errors=True)
        os.makedirs(mirror)
        paths.build_mirror(tree, mirror)
        write_stamp(stamp_path, stamp)
    return mirror, paths.read_manifest(mirror)


def ensure_peer_index(args, name, tree, stamp, build, log):
    """Builds a peer's database of `tree` with build(db) unless a current
    one exists; returns (db, seconds spent building or None when cached)."""
    folder = os.path.join(args.work, name, "dbs") if name == "omega" else os.path.join(args.work, name)
    db = os.path.join(folder, tree.name)
    stamp_path = db + ".stamp.json"
    if not args.rebuild and read_stamp(stamp_path) == stamp and os.path.isdir(db):
        return db, None
    log("%s index of %s" % (name, tree.name))
    shutil.rmtree(db, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    started = time.monotonic()
    build(db)
    write_stamp(stamp_path, stamp)
    return db, time.monotonic() - started


# ---- running and scoring ---------------------------------------------------

def run_queries(items, search, workers):
    """[(results, error)] of search(item) for each item, in order."""
    with concurrent.futures.ThreadPoolExecutor(max(1, workers)) as pool:
        return list(pool.map(search, items))


def group_means(rows, system):
    """{group name: (count, means)} by category, tag, tree and overall."""
    groups = collections.OrderedDict()
    for category in known_item_set.CATEGORIES:
        groups[category] = [r for r in rows if r["item"].category == category]
    for tag in known_item_set.TAGS:
        groups["tag " + tag] = [r for r in rows if tag in known_item_set.tag_list(r["item"])]
    for tree in paths.TREES:
        groups["tree " + tree] = [r for r in rows if r["item"].tree == tree]
    # Two halves of the set by the parity of the id's number: a change tuned
    # on the set should help both (one half alone is a sign of overfitting).
    for parity, name in ((1, "half odd ids"), (0, "half even ids")):
        groups[name] = [r for r in rows if _id_number(r["item"].id) % 2 == parity]
    groups["overall"] = rows
    return collections.OrderedDict(
        (name, (len(members), ir_eval.known_item_means(r["rank"][system] for r in members)))
        for name, members in groups.items() if members)


def _id_number(qid):
    digits = "".join(c for c in qid if c.isdigit())
    return int(digits) if digits else 0


def print_table(rows, systems):
    """The measures per group as a Markdown table (one column per system
    and measure)."""
    tables = {s: group_means(rows, s) for s in systems}
    columns = ["%s %s" % (m, s) for m in ir_eval.KNOWN_ITEM_MEASURES for s in systems]
    print("| group | n | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for name, (count, _) in tables[systems[0]].items():
        cells = ["%.3f" % tables[s][name][1][m] for m in ir_eval.KNOWN_ITEM_MEASURES for s in systems]
        print("| %s | %d | %s |" % (name, count, " | ".join(cells)))


def format_rank(rank):
    return str(rank) if rank is not None else "-"


def write_ranks(path, rows, systems):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(["id", "tree", "category", "tags", "query", "target"]
                          + ["%s_rank" % s for s in systems] + ["quarry_top3", "errors"]) + "\n")
        for r in rows:
            item = r["item"]
            top3 = " | ".join(p or "(outside the tree)" for p in r["top"].get("quarry", [])[:3])
            errors = "; ".join("%s: %s" % (s, e) for s, e in r["error"].items() if e)
            f.write("\t".join([item.id, item.tree, item.category, item.tags, item.query, item.target]
                              + [format_rank(r["rank"][s]) for s in systems] + [top3, errors]) + "\n")


def print_quarry_misses(rows, systems):
    peers = [s for s in systems if s != "quarry"]
    if "quarry" not in systems or not peers:
        return
    misses = [r for r in rows if not _in_top10(r["rank"]["quarry"])
              and any(_in_top10(r["rank"][p]) for p in peers)]
    print("\nQuarry misses the target (not in its top 10) and a peer finds it: %d queries" % len(misses))
    for r in misses:
        item = r["item"]
        print("  %s [%s] %s  ->  %s  (%s)" % (item.id, item.category, item.query, item.target,
                                              ", ".join("%s %s" % (s, format_rank(r["rank"][s])) for s in systems)))
        for position, p in enumerate(r["top"]["quarry"][:3], 1):
            print("      quarry %d. %s" % (position, p or "(outside the tree)"))
        if r["error"].get("quarry"):
            print("      quarry error: %s" % r["error"]["quarry"])


def _in_top10(rank):
    return rank is not None and rank <= 10


def main(argv=None):
    args = parse_args(argv)
    log = Log()
    trees = [paths.TREES[t] for t in (args.trees or paths.TREES)]
    systems = (args.only,) if args.only else SYSTEMS
    try:
        items = [i for i in known_item_set.read_set(args.set, paths.TREES) if i.tree in {t.name for t in trees}]
    except (OSError, ValueError) as e:
        print("known_items.py: %s: %s" % (args.set, e), file=sys.stderr)
        return 2
    missing = [i for i in items if not os.path.isfile(os.path.join(paths.TREES[i.tree].root, i.target))]
    for i in missing:
        print("known_items.py: %s: target %s is not installed (package %s); left out"
              % (i.id, i.target, i.package), file=sys.stderr)
    items = [i for i in items if i not in missing]
    os.makedirs(args.work, exist_ok=True)
    if "omega" in systems:
        import omega_peer
        if not omega_peer.stock_template_matches():
            print("known_items.py: warning: Omega's stock query template no longer holds %s"
                  % " ".join(omega_peer.STOCK_SETTINGS), file=sys.stderr)
    rows, counts, timings = [], {}, []
    try:
        for tree in trees:
            tree_items = [i for i in items if i.tree == tree.name]
            rows += run_tree(args, tree, tree_items, systems, counts, timings, log)
    except ImportError as e:
        print("known_items.py: %s: the BM25 peer needs Debian's python3-xapian, importable by this "
              "Python (%s); run the command with /usr/bin/python3, or use --only quarry" % (e, sys.executable),
              file=sys.stderr)
        return 2
    except (RuntimeError, OSError, ValueError) as e:
        print("known_items.py: %s" % e, file=sys.stderr)
        return 2
    report(args, trees, items, missing, rows, systems, counts, timings, log)
    return 0


def run_tree(args, tree, items, systems, counts, timings, log):
    """Indexes `tree` with each system, runs its items; returns their rows."""
    searches = {}
    if "quarry" in systems:
        db, seconds, summary = quarry_index(args, tree, log)
        timings.append("quarry-index %s: %.1f s (%s)" % (tree.name, seconds, summary))
        counts[("quarry", tree.name)] = document_count(db)
        searches["quarry"] = lambda item, db=db: quarry_search(args, tree, db, item.query)
    if "bm25" in systems or "omega" in systems:
        stamp = tree_stamp(tree)
        mirror, manifest = ensure_mirror(args, tree, stamp, log)
    if "bm25" in systems:
        import plain_bm25
        db, seconds = ensure_peer_index(args, "bm25", tree, versioned(stamp, plain_bm25.INDEX_VERSION),
                                        lambda d: plain_bm25.build_index(mirror, manifest, d), log)
        timings.append("bm25 index %s: %s" % (tree.name, "cached" if seconds is None else "%.1f s" % seconds))
        counts[("bm25", tree.name)] = document_count(db)
        local = threading.local()

        def bm25(item, db=db):
            if not hasattr(local, "searcher"):
                local.searcher = plain_bm25.Searcher(db)
            return local.searcher.search(item.query, args.depth), ""
        searches["bm25"] = bm25
    if "omega" in systems:
        import omega_peer
        log_path = os.path.join(args.work, "omega", tree.name + ".omindex.log")
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        db, seconds = ensure_peer_index(
            args, "omega", tree, versioned(stamp, omega_peer.INDEX_VERSION),
            lambda d: omega_peer.build_index(mirror, sorted(manifest), d, log_path), log)
        timings.append("omindex %s: %s" % (tree.name, "cached" if seconds is None else "%.1f s" % seconds))
        counts[("omega", tree.name)] = document_count(db)
        config = omega_peer.write_config(os.path.join(args.work, "omega"), os.path.dirname(db))

        def omega(item):
            urls = omega_peer.search(config, tree.name, item.query, args.depth)
            return [paths.omega_target(manifest, u) for u in urls], ""
        searches["omega"] = omega
    rows = [{"item": i, "rank": {}, "top": {}, "error": {}} for i in items]
    for system in systems:
        log("%s: %d queries over %s" % (system, len(items), tree.name))
        started = time.monotonic()
        for row, (results, error) in zip(rows, run_queries(items, searches[system], args.workers)):
            row["rank"][system] = paths.rank_of(row["item"].target, results)
            row["top"][system] = results[:3]
            row["error"][system] = error
        timings.append("%s queries %s: %.1f s" % (system, tree.name, time.monotonic() - started))
    return rows


def report(args, trees, items, missing, rows, systems, counts, timings, log):
    per_tree = collections.Counter(i.tree for i in items)
    print("known-item set %s: %d queries (%s)%s" % (
        os.path.relpath(args.set, REPO), len(items),
        ", ".join("%s %d" % (t.name, per_tree[t.name]) for t in trees),
        "; %d targets not installed, left out" % len(missing) if missing else ""))
    print("\ndocuments indexed")
    print("%-12s" % "tree" + "".join("%10s" % s for s in systems))
    for tree in trees:
        print("%-12s" % tree.name + "".join("%10s" % counts.get((s, tree.name), "?") for s in systems))
    print()
    print_table(rows, systems)
    errors = [(r["item"].id, s, e) for r in rows for s, e in r["error"].items() if e]
    if errors:
        print("\n%d searches failed (counted as not found):" % len(errors))
        for qid, system, error in errors:
            print("  %s %s: %s" % (qid, system, error))
    print_quarry_misses(rows, systems)
    ranks = args.ranks or os.path.join(args.work, "ranks.tsv")
    write_ranks(ranks, rows, systems)
    print("\nper-query ranks: %s" % ranks)
    print("times: " + "; ".join(timings) + "; whole run %.1f s" % (time.monotonic() - log.start))


if __name__ == "__main__":
    sys.exit(main())
