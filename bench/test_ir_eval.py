"""Hand-checked cases for ir_eval (python3 -m unittest test_ir_eval, from bench/)."""
import math
import unittest

import ir_eval


def run_lines(qid, docids_scores):
    return ["%s Q0 %s 0 %s t" % (qid, d, s) for d, s in docids_scores]


class OrderTest(unittest.TestCase):
    def test_score_descending_ties_by_docid_descending(self):
        self.assertEqual(ir_eval.ordered([("a", 1.0), ("c", 2.0), ("b", 1.0), ("d", 0.5)]),
                         ["c", "b", "a", "d"])

    def test_docid_ties_compare_as_strings(self):
        # "9" > "10" as strings, as trec_eval compares them.
        self.assertEqual(ir_eval.ordered([("10", 1.0), ("9", 1.0)]), ["9", "10"])

    def test_cut_at_depth(self):
        results = [(str(i), float(i)) for i in range(1500)]
        self.assertEqual(len(ir_eval.ordered(results)), 1000)


class ParseTest(unittest.TestCase):
    def test_run_keeps_first_duplicate(self):
        run = ir_eval.parse_run(["1 Q0 a 1 3 t", "", "1 Q0 a 2 9 t", "2 Q0 b 1 1 t"])
        self.assertEqual(run, {"1": [("a", 3.0)], "2": [("b", 1.0)]})

    def test_bad_lines_are_errors(self):
        with self.assertRaises(ValueError):
            ir_eval.parse_run(["1 Q0 a 1 3"])
        with self.assertRaises(ValueError):
            ir_eval.parse_qrels(["1 0 a"])

    def test_qrels_gains(self):
        self.assertEqual(ir_eval.parse_qrels(["1 0 a 2", "1 0 b -1", "2 0 c 1"]),
                         {"1": {"a": 2, "b": -1}, "2": {"c": 1}})


class ScoreQueryTest(unittest.TestCase):
    def test_binary_example(self):
        # Relevant: a, b, c. Ranking: a x b y (c never retrieved).
        m = ir_eval.score_query({"a": 1, "b": 1, "c": 1, "x": 0}, ["a", "x", "b", "y"])
        # AP = (1/1 + 2/3) / 3
        self.assertAlmostEqual(m["map"], (1 + 2 / 3) / 3)
        self.assertAlmostEqual(m["p@10"], 0.2)
        self.assertAlmostEqual(m["recall@100"], 2 / 3)
        # DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4)
        self.assertAlmostEqual(m["ndcg@10"], 1.5 / (1 + 1 / math.log2(3) + 0.5))

    def test_graded_and_negative_gains(self):
        # Gains 3 and 1 relevant, -1 judged non-relevant (counts 0).
        judged = {"a": 3, "b": 1, "n": -1}
        m = ir_eval.score_query(judged, ["n", "b", "a"])
        dcg = 0 + 1 / math.log2(3) + 3 / math.log2(4)
        ideal = 3 + 1 / math.log2(3)
        self.assertAlmostEqual(m["ndcg@10"], dcg / ideal)
        self.assertAlmostEqual(m["map"], (1 / 2 + 2 / 3) / 2)

    def test_only_top_ten_and_top_hundred_count(self):
        ranking = ["n%d" % i for i in range(10)] + ["r1"] + ["m%d" % i for i in range(89)] + ["r2"]
        m = ir_eval.score_query({"r1": 1, "r2": 1}, ranking)
        self.assertEqual(m["ndcg@10"], 0.0)
        self.assertEqual(m["p@10"], 0.0)
        self.assertAlmostEqual(m["recall@100"], 0.5)  # r2 is at 101
        self.assertAlmostEqual(m["map"], (1 / 11 + 2 / 101) / 2)

    def test_perfect_ranking_scores_one(self):
        m = ir_eval.score_query({"a": 2, "b": 1}, ["a", "b"])
        self.assertAlmostEqual(m["ndcg@10"], 1.0)
        self.assertAlmostEqual(m["map"], 1.0)
        self.assertAlmostEqual(m["recall@100"], 1.0)


class EvaluateTest(unittest.TestCase):
    def test_missing_query_counts_zero_and_unjudged_is_skipped(self):
        qrels = ir_eval.parse_qrels(["1 0 a 1", "2 0 b 1", "3 0 c 0"])
        run = ir_eval.parse_run(run_lines("1", [("a", 2)]) + run_lines("3", [("c", 1)]))
        per_query, means = ir_eval.evaluate(qrels, run)
        self.assertEqual(sorted(per_query), ["1", "2"])  # 3 has no relevant doc
        self.assertAlmostEqual(means["map"], 0.5)
        self.assertAlmostEqual(means["p@10"], 0.05)

    def test_run_order_is_by_score_not_by_rank_column(self):
        qrels = ir_eval.parse_qrels(["1 0 a 1"])
        run = ir_eval.parse_run(["1 Q0 b 1 1.0 t", "1 Q0 a 2 5.0 t"])
        _, means = ir_eval.evaluate(qrels, run)
        self.assertAlmostEqual(means["map"], 1.0)


class KnownItemTest(unittest.TestCase):
    def test_scores_by_rank(self):
        self.assertEqual(ir_eval.known_item_scores(1),
                         {"mrr@10": 1.0, "success@1": 1.0, "success@10": 1.0})
        self.assertEqual(ir_eval.known_item_scores(4),
                         {"mrr@10": 0.25, "success@1": 0.0, "success@10": 1.0})
        self.assertEqual(ir_eval.known_item_scores(10)["mrr@10"], 0.1)
        # Past 10, and not found at all, score nothing.
        for rank in (11, 250, None):
            self.assertEqual(ir_eval.known_item_scores(rank),
                             {"mrr@10": 0.0, "success@1": 0.0, "success@10": 0.0})

    def test_rank_zero_is_an_error(self):
        with self.assertRaises(ValueError):
            ir_eval.known_item_scores(0)

    def test_means(self):
        means = ir_eval.known_item_means([1, 2, None, 20])
        self.assertAlmostEqual(means["mrr@10"], (1 + 0.5) / 4)
        self.assertAlmostEqual(means["success@1"], 0.25)
        self.assertAlmostEqual(means["success@10"], 0.5)
        self.assertEqual(ir_eval.known_item_means([]),
                         {"mrr@10": 0.0, "success@1": 0.0, "success@10": 0.0})


if __name__ == "__main__":
    unittest.main()
