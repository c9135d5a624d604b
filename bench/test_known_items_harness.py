"""End-to-end check of the known-item command on a three-file tree, with the
real quarry-index and quarry-search (the peers are left out: they need
packages the test suite does not install):
python3 bench/test_known_items_harness.py BUILD_DIR (ctest runs it as
bench_known_items_harness)."""
import gzip
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import known_item_paths as paths  # noqa: E402
import known_item_set  # noqa: E402
import known_items  # noqa: E402

BUILD = None


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with (gzip.open if path.endswith(".gz") else open)(path, "wb") as f:
        f.write(data)


class HarnessTest(unittest.TestCase):
    def test_indexes_searches_and_ranks_installed_paths(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "share")
            write(os.path.join(root, "man", "man1", "heron.1.gz"),
                  b".TH HERON 1\n.SH NAME\nheron \\- wade through shallow water hunting fish\n")
            write(os.path.join(root, "doc", "egret", "README"), b"Egrets nest in colonies near water.\n")
            write(os.path.join(root, "doc", "skipped", "README"), b"water water water heron fish\n")
            tree = paths.Tree("birds", root, ("man", "doc"), ("doc/skipped",))
            set_path = os.path.join(tmp, "set.tsv")
            with open(set_path, "w") as f:
                f.write("\t".join(known_item_set.COLUMNS) + "\n")
                f.write("b1\tbirds\tnatural\town-words\thunting fish\tman/man1/heron.1.gz\tp\t\n")
                f.write("b2\tbirds\tinflected\t\tnesting egrets\tdoc/egret/README\tp\t\n")
                f.write("b3\tbirds\tphrase\t\t\"no such words\"\tdoc/egret/README\tp\t\n")
                f.write("b4\tbirds\tnatural\t\tmissing\tman/man1/gone.1.gz\tp\t\n")
            out, err = io.StringIO(), io.StringIO()
            with mock.patch.dict(paths.TREES, {"birds": tree}, clear=True), \
                    redirect_stdout(out), redirect_stderr(err):
                code = known_items.main(["--only", "quarry", "--build", BUILD, "--work", os.path.join(tmp, "work"),
                                         "--set", set_path])
            self.assertEqual(code, 0, err.getvalue())
            self.assertIn("b4: target man/man1/gone.1.gz is not installed", err.getvalue())
            text = out.getvalue()
            # Two documents: the excluded folder is not indexed.
            self.assertRegex(text, r"birds\s+2\n")
            self.assertIn("| overall | 3 | 0.667 | 0.667 | 0.667 |", text)
            with open(os.path.join(tmp, "work", "ranks.tsv"), encoding="utf-8") as f:
                ranks = [line.rstrip("\n").split("\t") for line in f][1:]
            self.assertEqual([(r[0], r[6], r[7]) for r in ranks],
                             [("b1", "1", "man/man1/heron.1.gz"), ("b2", "1", "doc/egret/README"), ("b3", "-", "")])


if __name__ == "__main__":
    BUILD = sys.argv.pop(1)
    unittest.main()
