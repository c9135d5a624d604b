#!/usr/bin/env python3
"""Index size through rounds of updates (issue 21, item 1): Quarry and
omindex on the same copy of linux-doc-6.1's decompressed Documentation.

    bench/growth.py                    # 10 rounds, Quarry and omindex
    bench/growth.py --rounds 3 --skip-omindex

Each round modifies 1% of the files (a line appended), adds 1% new ones
(copies of others under new names) and deletes 0.5%, with a fixed seed, then
runs `quarry-index` and omindex (configured by bench/omindex_fair.py to
index the same files). After each round it prints, for each, the index size,
the size of a fresh compact copy of the same index (xapian-compact into a
scratch folder) and their ratio, the run's time and the document count.
For Quarry it also prints when the run's changes were committed (the time to
the "compacting the index" note when the run then compacts, else the whole
run), so the update time and the compaction's are told apart.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import omindex_fair  # noqa: E402
import speed  # noqa: E402  (prepare_tree, document_count, ensure_packages)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(REPO, "build"), help="Quarry build folder")
    p.add_argument("--scratch", default="/tmp/quarry-growth", help="scratch folder (emptied)")
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--skip-omindex", action="store_true")
    p.add_argument("--index-arg", action="append", default=[], help="extra quarry-index option")
    return p.parse_args(argv)


def bytes_under(path):
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            full = os.path.join(root, name)
            if os.path.isfile(full) and not os.path.islink(full):
                total += os.path.getsize(full)
    return total


def compact_size(db, scratch):
    """Bytes of a fresh compact copy of the database `db`."""
    copy = os.path.join(scratch, "compact-copy")
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["xapian-compact", db, copy], check=True, capture_output=True)
    size = bytes_under(copy)
    shutil.rmtree(copy)
    return size


def change_round(tree, number):
    """Modifies 1%, adds 1% and deletes 0.5% of the files of `tree`."""
    rnd = random.Random(1000 + number)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs
                   if not os.path.islink(os.path.join(d, f)))
    n = len(files)
    modified = rnd.sample(files, n // 100)
    for path in modified:
        with open(path, "a") as f:
            f.write("\nRevised in round %d: the scheduler latency notes were updated.\n" % number)
    for i, path in enumerate(rnd.sample(files, n // 100)):
        base, ext = os.path.splitext(path)
        shutil.copyfile(path, "%s-r%d-%d%s" % (base, number, i, ext))
    untouched = sorted(set(files) - set(modified))
    for path in rnd.sample(untouched, n // 200):
        os.remove(path)
    return len(modified), n // 100, n // 200


def run_quarry(cmd):
    """(seconds until the changes were committed, whole run seconds, compacted?)."""
    start = time.perf_counter()
    committed = [None]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def watch_stderr():
        for line in proc.stderr:
            if "compacting the index" in line and committed[0] is None:
                committed[0] = time.perf_counter() - start

    reader = threading.Thread(target=watch_stderr)
    reader.start()
    proc.stdout.read()
    code = proc.wait()
    reader.join()
    total = time.perf_counter() - start
    if code not in (0, 1):
        raise RuntimeError("%s failed with %d" % (" ".join(cmd), code))
    return (committed[0] if committed[0] is not None else total), total, committed[0] is not None


def run_timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError("%s failed with %d: %s" % (" ".join(cmd), done.returncode, done.stderr[-2000:]))
    return time.perf_counter() - start


def main(argv=None):
    args = parse_args(argv)
    speed.ensure_packages(not args.skip_omindex)
    os.makedirs(args.scratch, exist_ok=True)
    speed.prepare_tree(args.scratch, 1)
    tree = os.path.join(args.scratch, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(os.path.join(args.scratch, "docs"), tree, symlinks=True)
    quarry_db = os.path.join(args.scratch, "quarry-db")
    omindex_db = os.path.join(args.scratch, "omindex-db")
    for db in (quarry_db, omindex_db):
        shutil.rmtree(db, ignore_errors=True)
    quarry = [os.path.join(args.build, "indexer", "quarry-index"), "--db", quarry_db] + args.index_arg
    omindex = ["omindex", "--db", omindex_db, "--url", "/"] + omindex_fair.mime_args(tree) + [tree]

    header = "%-6s %-24s %10s %10s %6s %9s %8s %7s" % (
        "round", "changes", "size MB", "compact", "ratio", "commit s", "run s", "docs")
    rows = []

    def measure(label, changes):
        committed, total, compacted = run_quarry(quarry + [tree])
        size = bytes_under(quarry_db)
        fresh = compact_size(quarry_db, args.scratch)
        row = "%-6s %-24s %10.1f %10.1f %6.2f %9.2f %8.2f %7d%s" % (
            label, changes, size / 1e6, fresh / 1e6, size / fresh, committed, total,
            speed.document_count(quarry_db), " compacted" if compacted else "")
        line = "quarry  " + row
        if not args.skip_omindex:
            seconds = run_timed(omindex)
            osize = bytes_under(omindex_db)
            ofresh = compact_size(omindex_db, args.scratch)
            line += "\nomindex " + "%-6s %-24s %10.1f %10.1f %6.2f %9s %8.2f %7d" % (
                label, changes, osize / 1e6, ofresh / 1e6, osize / ofresh, "", seconds,
                speed.document_count(omindex_db))
        print(line, flush=True)
        rows.append(line)

    print("        " + header, flush=True)
    measure("build", "first build")
    for number in range(1, args.rounds + 1):
        modified, added, deleted = change_round(tree, number)
        measure(str(number), "~%d/+%d/-%d" % (modified, added, deleted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
