"""Unit tests of the known-item benchmark's set reader, path mapping and
scoring, without the Debian trees or Xapian (python3 -m unittest
test_known_items, from bench/; ctest runs it as bench_known_items)."""
import gzip
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout

import known_item_paths as paths
import known_item_set
import known_items
import omega_peer
import plain_bm25

HEADER = "\t".join(known_item_set.COLUMNS) + "\n"
TREES = {"linux-doc", "debian"}


def line(*fields):
    return "\t".join(fields) + "\n"


class SetTest(unittest.TestCase):
    def test_reads_items_and_tags(self):
        items = known_item_set.parse_set(
            [HEADER, line("d1", "debian", "natural", "own-words,dash", "undo the last commit",
                          "man/man1/git-reset.1.gz", "git-man", ""), "\n"], TREES)
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0].target, "man/man1/git-reset.1.gz")
        self.assertEqual(known_item_set.tag_list(items[0]), ["own-words", "dash"])

    def test_errors_name_the_line(self):
        good = line("k1", "linux-doc", "natural", "", "q", "a.rst.gz", "p", "")
        cases = [
            ([line("k1", "linux-doc")], "line 1"),  # no header
            ([HEADER, line("k1", "linux-doc", "natural")], "line 2: want 8"),
            ([HEADER, good, good], "line 3 (k1): missing or repeated id"),
            ([HEADER, good.replace("linux-doc", "kdoc")], "unknown tree"),
            ([HEADER, good.replace("natural", "nl")], "unknown category"),
            ([HEADER, good.replace("\t\tq", "\tfast\tq")], "unknown tag"),
            ([HEADER, good.replace("a.rst.gz", "/usr/a")], "relative path"),
            ([HEADER, good.replace("a.rst.gz", "../a")], "relative path"),
            ([HEADER, good.replace("\tq\t", "\t \t")], "empty query"),
        ]
        for lines, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as caught:
                    known_item_set.parse_set(lines, TREES)
                self.assertIn(message, str(caught.exception))

    def test_the_committed_set_is_valid(self):
        items = known_item_set.read_set(os.path.join(os.path.dirname(__file__), "known_items", "queries.tsv"),
                                        paths.TREES)
        self.assertGreaterEqual(len(items), 150)
        self.assertEqual({i.category for i in items}, set(known_item_set.CATEGORIES))


class TreeTest(unittest.TestCase):
    def test_excludes_by_path_and_by_name(self):
        tree = paths.TREES["debian"]
        self.assertTrue(paths.is_excluded(tree, "doc/linux-doc-6.1"))
        self.assertTrue(paths.is_excluded(tree, "doc/python3.11/html/library/os.html"))
        self.assertFalse(paths.is_excluded(tree, "doc/python3.11/NEWS.gz"))
        self.assertTrue(paths.is_excluded(tree, "man/man1/gcloud_compute_ssh.1.gz"))
        self.assertFalse(paths.is_excluded(tree, "man/man1/git.1.gz"))
        self.assertFalse(paths.is_excluded(tree, "doc/linux-doc-6.1x/README"))

    def test_quarry_is_given_the_same_folders_and_excludes(self):
        self.assertEqual(paths.quarry_roots_and_excludes(paths.TREES["debian"]),
                         (["/usr/share/man", "/usr/share/doc"],
                          ["linux-doc-6.1", "python3.11/html", "google-cloud-cli", "gcloud*"]))
        self.assertEqual(paths.quarry_roots_and_excludes(paths.TREES["linux-doc"]),
                         (["/usr/share/doc/linux-doc-6.1/Documentation"], []))

    def test_walk_skips_links_hidden_files_and_excluded_folders(self):
        with tempfile.TemporaryDirectory() as root:
            for rel in ("man/man1/a.1.gz", "man/.hidden", "doc/keep/README", "doc/skip/x", "other/y"):
                os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
                with open(os.path.join(root, rel), "w") as f:
                    f.write("x")
            os.symlink("a.1.gz", os.path.join(root, "man/man1/b.1.gz"))
            tree = paths.Tree("t", root, ("man", "doc"), ("doc/skip",))
            self.assertEqual(paths.walk_tree(tree), ["doc/keep/README", "man/man1/a.1.gz"])


class MirrorTest(unittest.TestCase):
    def test_gzip_files_are_decompressed_and_mapped_back(self):
        with tempfile.TemporaryDirectory() as tmp:
            root, mirror = os.path.join(tmp, "root"), os.path.join(tmp, "mirror")
            os.makedirs(os.path.join(root, "man1"))
            os.makedirs(mirror)
            with gzip.open(os.path.join(root, "man1", "ls.1.gz"), "wb") as f:
                f.write(b".TH LS 1\nlist directory contents\n")
            # A name clash: README and README.gz side by side.
            with open(os.path.join(root, "README"), "w") as f:
                f.write("plain")
            with gzip.open(os.path.join(root, "README.gz"), "wb") as f:
                f.write(b"compressed")
            with open(os.path.join(root, "broken.gz"), "wb") as f:
                f.write(b"not gzip at all")
            manifest = paths.build_mirror(paths.Tree("t", root, ("",), ()), mirror)
            self.assertEqual(manifest, {"man1/ls.1": "man1/ls.1.gz", "README": "README",
                                        "README.gz": "README.gz", "broken.gz": "broken.gz"})
            with open(os.path.join(mirror, "man1", "ls.1"), "rb") as f:
                self.assertIn(b"list directory contents", f.read())
            self.assertEqual(paths.read_manifest(mirror), manifest)
            self.assertFalse(os.path.exists(os.path.join(mirror, "broken")))
            # The manifest is not a file of the mirror.
            self.assertNotIn(os.path.basename(paths.manifest_path(mirror)), os.listdir(mirror))


class ResultMappingTest(unittest.TestCase):
    def test_quarry_paths(self):
        tree = paths.TREES["debian"]
        self.assertEqual(paths.quarry_target(tree, "/usr/share/man/man1/ssh-keygen.1.gz", "/work"),
                         "man/man1/ssh-keygen.1.gz")
        # Relative to the folder quarry-search ran in.
        self.assertEqual(paths.quarry_target(tree, "man/man5/fstab.5.gz", "/usr/share"), "man/man5/fstab.5.gz")
        self.assertIsNone(paths.quarry_target(tree, "/usr/sharex/a", "/"))
        self.assertIsNone(paths.quarry_target(paths.TREES["linux-doc"], "/usr/share/doc/a", "/"))

    def test_omega_urls(self):
        manifest = {"a b+c%d é.txt": "a b+c%d é.txt.gz", "man1/ls.1": "man1/ls.1.gz"}
        self.assertEqual(paths.omega_target(manifest, "/a%20b%2Bc%25d%20%C3%A9.txt"), "a b+c%d é.txt.gz")
        self.assertEqual(paths.omega_target(manifest, "/man1/ls.1"), "man1/ls.1.gz")
        self.assertIsNone(paths.omega_target(manifest, "/man1/missing.1"))

    def test_rank_of(self):
        self.assertEqual(paths.rank_of("b", ["a", None, "b", "b"]), 3)
        self.assertIsNone(paths.rank_of("z", ["a", "b"]))
        self.assertIsNone(paths.rank_of("z", []))


class PeerTest(unittest.TestCase):
    def test_omega_output_and_extensions(self):
        self.assertEqual(omega_peer.parse_output("Content-Type: text/html\n\n/a\n/b%20c\n"), ["/a", "/b%20c"])
        self.assertEqual(omega_peer.parse_output("Content-Type: text/html\n\n"), [])
        with self.assertRaises(ValueError):
            omega_peer.parse_output("Exception: no database")
        self.assertEqual(omega_peer.extension("man1/git-reset.1"), "1")
        self.assertEqual(omega_peer.extension("a/.bashrc"), "")
        self.assertEqual(omega_peer.extension("README"), "")

    def test_mime_mappings_follow_content(self):
        with tempfile.TemporaryDirectory() as mirror:
            files = {"a.1": b".TH A 1\n", "b.png": b"\x89PNG\0\0", "c.html": b"<p>x", "d.rst": b"T\n=\n"}
            for name, data in files.items():
                with open(os.path.join(mirror, name), "wb") as f:
                    f.write(data)
            self.assertEqual(omega_peer.mime_mappings(mirror, sorted(files)),
                             ["--mime-type=1:text/plain", "--mime-type=png:skip", "--mime-type=rst:text/plain"])

    def test_plain_bm25_text(self):
        self.assertIsNone(plain_bm25.text_of("x.png", b"\x89PNG\r\n\0"))
        self.assertIsNone(plain_bm25.text_of("manual.pdf", b"%PDF-1.4"))
        self.assertEqual(plain_bm25.text_of("a.1", b".SH NAME\nls"), ".SH NAME\nls")
        text = plain_bm25.text_of("p.html", b"<title>T1</title><script>var x</script><p>caf\xc3\xa9 &amp; co</p>")
        self.assertEqual(text.split(), ["T1", "caf\u00e9", "&", "co"])


class ReportTest(unittest.TestCase):
    def test_table_and_misses(self):
        def item(qid, category, tags):
            return known_item_set.KnownItem(qid, "debian", category, tags, "q " + qid, "t/" + qid, "p", "")
        rows = [
            {"item": item("d1", "natural", "own-words"), "rank": {"quarry": 1, "bm25": 2, "omega": None},
             "top": {"quarry": ["t/d1"]}, "error": {}},
            {"item": item("d2", "phrase", ""), "rank": {"quarry": None, "bm25": 4, "omega": 11},
             "top": {"quarry": ["x", None]}, "error": {"quarry": "exit 2: bad"}},
        ]
        out = io.StringIO()
        with redirect_stdout(out):
            known_items.print_table(rows, known_items.SYSTEMS)
            known_items.print_quarry_misses(rows, known_items.SYSTEMS)
        text = out.getvalue()
        overall = [l for l in text.splitlines() if l.startswith("| overall ")][0]
        # n, then MRR@10, Success@1, Success@10 for quarry, bm25, omega.
        self.assertEqual(overall.strip("| ").split(" | ")[1:],
                         ["2", "0.500", "0.375", "0.000", "0.500", "0.000", "0.000", "0.500", "1.000", "0.000"])
        self.assertIn("tag own-words", text)
        # d1 is in the odd half, d2 in the even half.
        self.assertIn("| half odd ids | 1 | 1.000 | 0.500 | 0.000 |", text)
        self.assertIn("| half even ids | 1 | 0.000 | 0.250 | 0.000 |", text)
        self.assertIn("d2 [phrase] q d2  ->  t/d2  (quarry -, bm25 4, omega 11)", text)
        self.assertIn("quarry 2. (outside the tree)", text)
        self.assertIn("quarry error: exit 2: bad", text)
        self.assertNotIn("  d1 [", text)


if __name__ == "__main__":
    unittest.main()
