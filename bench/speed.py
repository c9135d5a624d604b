#!/usr/bin/env python3
"""Speed benchmark: Quarry against Xapian's omindex on the Linux kernel's
Documentation tree (Debian package linux-doc-6.1), in the same run.

    bench/speed.py                      # Quarry (--jobs default) and omindex
    bench/speed.py --jobs 1 --jobs 2    # also show the speed-up from 1 to 2 jobs
    bench/speed.py --tenfold            # also index ten copies: peak memory stays flat
    bench/speed.py --rounds 3           # each indexer three times, in turns: medians

Installs linux-doc-6.1 and xapian-omega with apt-get when they are missing
(needs root or sudo),
copies its Documentation tree into SCRATCH/docs and decompresses it, then for
each indexer measures: full index time, documents/s, MB/s (of decompressed
input), peak RSS (GNU time's "Maximum resident set size"), index size on
disk, the time of a rerun with nothing changed, and query latency (median
and 99th percentile over bench/queries.txt, each query run --reps times, one
process per query as a user runs it: quarry-search for Quarry, quest for
omindex's database). The page cache is warm: the tree is read once before
timing. omindex is given the reStructuredText files as plain text (it would
skip them without an rst2html filter installed; --omindex-own-types keeps
that), so both indexers read the same files. Standard library only; needs /usr/bin/time (Debian package `time`).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC_TREE = "/usr/share/doc/linux-doc-6.1/Documentation"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(REPO, "build"), help="Quarry build folder")
    p.add_argument("--scratch", default="/tmp/quarry-speed", help="scratch folder (emptied)")
    p.add_argument("--jobs", type=int, action="append",
                   help="quarry-index --jobs value to measure (repeatable; default: its own default)")
    p.add_argument("--reps", type=int, default=5, help="runs of each query (default 5)")
    p.add_argument("--tenfold", action="store_true",
                   help="also index ten copies of the tree with Quarry (and omindex with --tenfold-omindex)")
    p.add_argument("--tenfold-omindex", action="store_true", help="measure omindex on ten copies too")
    p.add_argument("--skip-omindex", action="store_true", help="measure Quarry only")
    p.add_argument("--rounds", type=int, default=1,
                   help="measure every indexer this many times, taking turns (this machine's speed "
                        "drifts from minute to minute); the table then shows each figure's median "
                        "and the index-time ratio of each round is listed")
    p.add_argument("--index-arg", action="append", default=[], help="extra quarry-index option")
    p.add_argument("--omindex-own-types", action="store_true",
                   help="let omindex skip what it skips by default: without an rst2html filter "
                        "installed it leaves out the 3,182 reStructuredText files (24 MB); by default "
                        "they are given to it as plain text (--mime-type=rst:text/plain), so that both "
                        "indexers read the same files")
    return p.parse_args(argv)


def ensure_packages(need_omindex):
    """Installs linux-doc-6.1 (and xapian-omega for omindex) when missing."""
    missing = [] if os.path.isdir(DOC_TREE) else ["linux-doc-6.1"]
    if need_omindex and shutil.which("omindex") is None:
        missing.append("xapian-omega")
    if not missing:
        return
    apt = ["apt-get", "install", "-y"] + missing
    if os.geteuid() != 0:
        apt = ["sudo"] + apt
    print("installing: " + " ".join(apt), file=sys.stderr)
    subprocess.run(apt, check=True)


def prepare_tree(scratch, copies):
    """SCRATCH/docs (one decompressed tree); with copies > 1, SCRATCH/docs10
    holds that many copies of it. Returns (files, bytes) of one tree."""
    docs = os.path.join(scratch, "docs")
    if not os.path.isdir(docs):
        shutil.copytree(DOC_TREE, docs, symlinks=True)
        subprocess.run(["gunzip", "-r", "-q", docs], check=False)
    if copies > 1:
        many = os.path.join(scratch, "docs%d" % copies)
        if not os.path.isdir(many):
            os.makedirs(many)
            for i in range(copies):
                subprocess.run(["cp", "-a", docs, os.path.join(many, "copy%d" % i)], check=True)
    files = size = 0
    for root, _, names in os.walk(docs):
        for name in names:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                files += 1
                size += os.path.getsize(path)
                with open(path, "rb") as f:  # warm the page cache
                    while f.read(1 << 20):
                        pass
    return files, size


def timed(cmd):
    """(wall seconds, peak RSS in MiB, user+system CPU seconds) of running
    `cmd` under GNU time."""
    done = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), done.returncode, done.stderr[-2000:]))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % kind, done.stderr).group(1))
              for kind in ("User", "System"))
    return seconds, rss / 1024.0, cpu


def document_count(db):
    """Documents in the database at `db`, by xapian-delve (xapian-tools)."""
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True).stdout
    found = re.search(r"number of documents = (\d+)", out)
    return int(found.group(1)) if found else 0


def disk_mib(path):
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
    return total / (1 << 20)


def latencies(cmd_for, queries, reps):
    samples = []
    for _ in range(reps):
        for q in queries:
            start = time.perf_counter()
            subprocess.run(cmd_for(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]
    return statistics.median(samples), p99


def measure(name, index_cmd, db, search_for, queries, reps, files, size):
    shutil.rmtree(db, ignore_errors=True)
    full, rss, cpu = timed(index_cmd)
    rerun, _, _ = timed(index_cmd)
    median, p99 = latencies(search_for, queries, reps)
    docs = document_count(db)
    return {"name": name, "full_s": full, "cpu_s": cpu, "documents": docs, "docs_per_s": docs / full,
            "mb_per_s": size / 1e6 / full, "peak_rss_mib": rss, "index_mib": disk_mib(db),
            "rerun_s": rerun, "query_median_ms": median, "query_p99_ms": p99}


ROWS = [("documents indexed", "documents", "%d", True),
        ("full index time (s)", "full_s", "%.2f", False),
        ("  CPU user+sys (s)", "cpu_s", "%.2f", False),
        ("documents/s", "docs_per_s", "%.0f", True),
        ("MB/s", "mb_per_s", "%.2f", True),
        ("peak RSS (MiB)", "peak_rss_mib", "%.1f", False),
        ("index size (MiB)", "index_mib", "%.1f", False),
        ("no-change rerun (s)", "rerun_s", "%.2f", False),
        ("query median (ms)", "query_median_ms", "%.1f", False),
        ("query p99 (ms)", "query_p99_ms", "%.1f", False)]


def print_table(results):
    """Each figure side by side; the ratio column compares the last two
    results (normally the last --jobs run of Quarry and omindex), written so
    that above 1 means the first of them is better."""
    names = [r["name"] for r in results]
    print("%-22s" % "" + "".join("%16s" % n for n in names) + ("%12s" % "ratio" if len(results) > 1 else ""))
    for label, key, fmt, higher_better in ROWS:
        cells = "".join("%16s" % (fmt % r[key]) for r in results)
        ratio = ""
        if len(results) > 1:
            a, b = results[-2][key], results[-1][key]
            value = (a / b if higher_better else b / a) if a and b else float("nan")
            ratio = "%11.2fx" % value
        print("%-22s%s%s" % (label, cells, ratio))


def main(argv=None):
    args = parse_args(argv)
    quarry_index = os.path.join(args.build, "indexer", "quarry-index")
    quarry_search = os.path.join(args.build, "searcher", "quarry-search")
    with open(os.path.join(REPO, "bench", "queries.txt"), encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip()]
    ensure_packages(not args.skip_omindex)
    if os.path.isdir(args.scratch):
        for name in os.listdir(args.scratch):
            if name.endswith(".db"):
                shutil.rmtree(os.path.join(args.scratch, name))
    os.makedirs(args.scratch, exist_ok=True)
    files, size = prepare_tree(args.scratch, 10 if args.tenfold else 1)
    print("corpus: %s, %d files, %.1f MB decompressed; %d cores" %
          (os.path.join(args.scratch, "docs"), files, size / 1e6, os.cpu_count()))

    def quarry(tree, jobs, label, nfiles, nbytes):
        db = os.path.join(args.scratch, label + ".db")
        cmd = [quarry_index, "--db", db, "--quiet"] + args.index_arg
        if jobs:
            cmd += ["--jobs", str(jobs)]
        return measure(label, cmd + [tree], db,
                       lambda q: [quarry_search, "--db", db, "-n", "10", "--color", "never", q],
                       queries, args.reps, nfiles, nbytes)

    def omindex(tree, label, nfiles, nbytes):
        db = os.path.join(args.scratch, label + ".db")
        types = [] if args.omindex_own_types else ["--mime-type=rst:text/plain"]
        return measure(label, ["omindex", "--db", db, "--url", "/"] + types + [tree], db,
                       lambda q: ["quest", "-d", db, "-m", "10", q], queries, args.reps, nfiles, nbytes)

    docs = os.path.join(args.scratch, "docs")
    rounds = []
    for number in range(max(1, args.rounds)):
        results = [quarry(docs, j, "quarry-j%d" % j if j else "quarry", files, size)
                   for j in (args.jobs or [None])]
        if not args.skip_omindex:
            results.append(omindex(docs, "omindex", files, size))
        rounds.append(results)
        if args.rounds > 1:
            print("round %d of %d:" % (number + 1, args.rounds))
            print_table(results)
            print()
    if len(rounds) > 1:
        results = [{key: (statistics.median(r[k][key] for r in rounds) if key != "name" else value)
                    for key, value in rounds[0][k].items()} for k in range(len(rounds[0]))]
        print("median of %d rounds:" % len(rounds))
    print_table(results)
    if len(rounds) > 1 and len(results) > 1:
        print("full index time ratio (last two columns) in each round: " +
              ", ".join("%.2fx" % (r[-1]["full_s"] / r[-2]["full_s"]) for r in rounds))
    if len(args.jobs or []) > 1:
        first, last = results[0], results[len(args.jobs) - 1]
        print("speed-up from --jobs %d to --jobs %d: %.2fx" %
              (args.jobs[0], args.jobs[-1], first["full_s"] / last["full_s"]))
    if args.tenfold:
        many = os.path.join(args.scratch, "docs10")
        print("\ntenfold corpus: %s, %d files, %.1f MB" % (many, files * 10, size * 10 / 1e6))
        tenfold = [quarry(many, (args.jobs or [None])[-1], "quarry-x10", files * 10, size * 10)]
        if args.tenfold_omindex:
            tenfold.append(omindex(many, "omindex-x10", files * 10, size * 10))
        print_table(tenfold)
        print("Quarry peak RSS, tenfold / onefold: %.2fx" %
              (tenfold[0]["peak_rss_mib"] / results[len(args.jobs or [None]) - 1]["peak_rss_mib"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
