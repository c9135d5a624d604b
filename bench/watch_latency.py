#!/usr/bin/env python3
"""bench/watch_latency.py: how soon a change is searchable under
quarry-index --watch (issue 21, item 4).

Copies Debian's linux-doc-6.1 Documentation tree to a scratch folder and
decompresses it (as bench/reindex.sh does; or takes --corpus), starts
`quarry-index --watch` on it, then makes changes one at a time, as people
and programs do: a file saved in place, saved by rename (a temporary file
renamed over it, as gedit or VS Code do), created, renamed, deleted. Each
change carries a word seen nowhere else; quarry-search runs in a loop until
the change shows (the word found at its new path, or no longer found). The
latency of a change is the time from the change to the start of the first
search that shows it, so it includes up to one search's time of polling
(printed as "search"). Finally two bursts of 1,000 files: made in new
folders (an archive unpacked), then rewritten in their folders (a `git
checkout`): the time until all are found, and the batches the watcher made.

Prints the distribution per kind of change and over all of them: median,
95th percentile and maximum, in seconds.

Usage: bench/watch_latency.py [--build BUILD_DIR] [--work WORK_DIR]
                              [--corpus DIR] [--rounds N]
"""

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

SOURCE_TREE = "/usr/share/doc/linux-doc-6.1/Documentation"


def prepare_corpus(work, corpus):
    if corpus:
        return os.path.abspath(corpus)
    corpus = os.path.join(work, "Documentation")
    if not os.path.isdir(corpus):
        if not os.path.isdir(SOURCE_TREE):
            sys.exit("watch_latency.py: install linux-doc-6.1, or give --corpus DIR")
        os.makedirs(work, exist_ok=True)
        shutil.copytree(SOURCE_TREE, corpus, symlinks=True)
        subprocess.run(["find", corpus, "-type", "f", "-name", "*.gz", "-exec", "gunzip", "-f", "{}",
                        "+"], check=True)
    return corpus


class Searcher:
    def __init__(self, binary, db):
        self.binary, self.db = binary, db
        self.times = []
        self.last = ""

    def paths(self, word):
        start = time.monotonic()
        result = subprocess.run([self.binary, "--db", self.db, "--format", "paths", "-n", "10", word],
                                capture_output=True, text=True)
        self.times.append(time.monotonic() - start)
        self.last = "%s: exit %d, %s %s" % (word, result.returncode, result.stdout.split(),
                                            result.stderr.strip())
        return set(result.stdout.split("\n")) - {""}

    def wait_until(self, ready, timeout=30.0):
        """Seconds from now to the start of the first search for which
        ready(paths) holds."""
        start = time.monotonic()
        while True:
            asked = time.monotonic()
            if ready():
                return asked - start
            if asked - start > timeout:
                raise SystemExit("watch_latency.py: a change did not show within %g s (the last "
                                 "search: %s)" % (timeout, self.last))


def unique_word(counter):
    letters = ""
    while True:
        letters = chr(ord("a") + counter % 26) + letters
        counter //= 26
        if counter == 0:
            break
    # The ending keeps the stemmer from making two probes' words one.
    return "watchprobe" + letters + "qz"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def summary(name, values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return "%-15s %4d  %6.3f  %6.3f  %6.3f" % (name, len(values), statistics.median(values), p95,
                                            values[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--work", default="/tmp/quarry-bench-watch")
    parser.add_argument("--corpus")
    parser.add_argument("--rounds", type=int, default=20, help="changes of each kind")
    args = parser.parse_args()
    index = os.path.join(args.build, "indexer", "quarry-index")
    search = os.path.join(args.build, "searcher", "quarry-search")
    for binary in (index, search):
        if not os.access(binary, os.X_OK):
            sys.exit("watch_latency.py: no %s; build first" % binary)

    corpus = prepare_corpus(args.work, args.corpus)
    db = os.path.join(args.work, "quarry-db")
    shutil.rmtree(db, ignore_errors=True)
    probes = os.path.join(corpus, "watch-probes")
    shutil.rmtree(probes, ignore_errors=True)
    os.makedirs(probes)
    files = sum(len(names) for _, _, names in os.walk(corpus))
    print("corpus: %s, %d files" % (corpus, files))

    log_path = os.path.join(args.work, "watch.log")
    log = open(log_path, "w")
    start = time.monotonic()
    watcher = subprocess.Popen([index, "--watch", "--verbose", "--db", db, corpus], stdout=log,
                               stderr=log)
    searcher = Searcher(search, db)
    try:
        while "first run:" not in open(log_path).read():
            if watcher.poll() is not None:
                sys.exit("watch_latency.py: the watcher ended:\n" + open(log_path).read())
            time.sleep(0.05)
        print("first run (a first build) and watches set: %.1f s" %
              (time.monotonic() - start))
        latencies = {kind: [] for kind in ("save in place", "save by rename", "create", "rename",
                                           "delete")}
        counter = 0
        for round_number in range(args.rounds):
            for kind in latencies:
                path = os.path.join(probes, "probe%d.txt" % round_number)
                # Each kind changes a file already indexed, with its own word.
                counter += 1
                old = unique_word(counter)
                write(path, "Probe %d\nthe word %s marks this file\n" % (counter, old))
                searcher.wait_until(lambda: searcher.paths(old) == {path})
                counter += 1
                word = unique_word(counter)
                text = "Probe %d\nthe word %s marks this change\n" % (counter, word)
                # Changes apart from one another, as a person makes them.
                time.sleep(random.uniform(0.4, 0.8))
                if kind == "save in place":
                    write(path, text)
                    shown = lambda: searcher.paths(word) == {path}
                elif kind == "save by rename":
                    temporary = os.path.join(probes, ".goutputstream-%d" % counter)
                    write(temporary, text)
                    os.rename(temporary, path)
                    shown = lambda: searcher.paths(word) == {path}
                elif kind == "create":
                    created = os.path.join(probes, "new%d.txt" % counter)
                    write(created, text)
                    shown = lambda: searcher.paths(word) == {created}
                elif kind == "rename":
                    renamed = os.path.join(probes, "renamed%d.txt" % counter)
                    os.rename(path, renamed)
                    shown = lambda: searcher.paths(old) == {renamed}
                else:
                    os.remove(path)
                    shown = lambda: searcher.paths(old) == set()
                latencies[kind].append(searcher.wait_until(shown))
            sys.stdout.write(".")
            sys.stdout.flush()
        print()
        print("%-15s %4s  %6s  %6s  %6s   (seconds from the change to a search showing it)" %
              ("change", "n", "median", "p95", "max"))
        for kind, values in latencies.items():
            print(summary(kind, values))
        print(summary("all", [v for values in latencies.values() for v in values]))
        print(summary("(search)", searcher.times))

        # Bursts: 1,000 files made at once in 20 new folders (an archive
        # unpacked), then the same files rewritten in their folders, now
        # watched (a `git checkout`).
        burst = os.path.join(corpus, "watch-burst")
        shutil.rmtree(burst, ignore_errors=True)
        for what, word, counted in (("made", "watchburstword", "added"),
                                    ("rewritten", "watchburstagain", "updated")):
            time.sleep(1)
            lines_before = len(open(log_path).read().splitlines())
            began = time.monotonic()
            for i in range(1000):
                folder = os.path.join(burst, "d%d" % (i % 20))
                os.makedirs(folder, exist_ok=True)
                write(os.path.join(folder, "f%d.txt" % i), "burst file %d %s\n" % (i, word))
            written = time.monotonic() - began
            searcher.wait_until(lambda: len(subprocess.run(
                [search, "--db", db, "--format", "paths", "-n", "2000", word],
                capture_output=True, text=True).stdout.split()) == 1000, timeout=300)
            found = time.monotonic() - began

            def batch_lines():
                new_lines = open(log_path).read().splitlines()[lines_before:]
                return [line for line in new_lines if re.match(
                    r"quarry-index: (changed: |[0-9]+ paths changed|walked every folder)", line)]

            # A batch's line is written just after its commit.
            searcher.wait_until(lambda: sum(int(n) for line in batch_lines()
                                            for n in re.findall(counted + r" ([0-9]+)", line))
                                >= 1000)
            batches = batch_lines()
            print("burst of 1000 files %s: written in %.2f s, all searchable %.2f s after the "
                  "first, in %d batches" % (what, written, found, len(batches)))
            for line in batches:
                print("  " + line)
        shutil.rmtree(burst)
        shutil.rmtree(probes)
        time.sleep(1.5)
    finally:
        watcher.send_signal(signal.SIGTERM)
        code = watcher.wait()
        log.close()
        print("watcher stopped with exit code %d; its log: %s" % (code, log_path))


if __name__ == "__main__":
    main()
