"""End-to-end check of the relevance harness on a three-document collection,
with the real binaries: python3 bench/test_relevance.py BUILD_DIR
(ctest runs it as bench_relevance_harness)."""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relevance  # noqa: E402

BUILD = None


class HarnessTest(unittest.TestCase):
    def test_indexes_searches_writes_run_and_scores(self):
        with tempfile.TemporaryDirectory() as tmp:
            coll = os.path.join(tmp, "tiny")
            os.makedirs(coll)
            docs = [{"id": "d1", "title": "Heat flow", "text": "heat conduction in slabs"},
                    {"id": "d2", "title": "Wings", "text": "flutter of swept wings"},
                    {"id": "d3", "title": "", "text": "WINGS AND HEAT"}]
            with open(os.path.join(coll, "corpus.jsonl"), "w") as f:
                f.write("".join(json.dumps(d) + "\n" for d in docs))
            with open(os.path.join(coll, "queries.tsv"), "w") as f:
                f.write("1\tHEAT CONDUCTION\n2\tswept wings\n3\tnothing matches this\n")
            with open(os.path.join(coll, "qrels.txt"), "w") as f:
                # q1: d1 relevant (found first); q2: d3 relevant, ranked below d2.
                f.write("1 0 d1 1\n2 0 d3 1\n2 0 d2 0\n3 0 d2 1\n")
            out = io.StringIO()
            with redirect_stdout(out):
                code = relevance.main(["--build", BUILD, "--out", os.path.join(tmp, "out"),
                                       "--json", coll])
            self.assertEqual(code, 0)
            row = json.loads(out.getvalue())[0]
            with open(row["run"]) as f:
                run = [line.split() for line in f if line.strip()]
            self.assertEqual([r[:4] for r in run],
                             [["1", "Q0", "d1", "1"], ["1", "Q0", "d3", "2"],
                              ["2", "Q0", "d2", "1"], ["2", "Q0", "d3", "2"]])
            # q1 perfect; q2 relevant at rank 2; q3 nothing found.
            self.assertAlmostEqual(row["map"], (1 + 0.5 + 0) / 3)
            self.assertAlmostEqual(row["p@10"], (0.1 + 0.1 + 0) / 3)
            self.assertAlmostEqual(row["recall@100"], 2 / 3)


if __name__ == "__main__":
    BUILD = sys.argv.pop(1)
    unittest.main()
