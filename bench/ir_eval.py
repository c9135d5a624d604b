"""Scores a TREC run against TREC qrels: nDCG@10, MAP, P@10, Recall@100; and
known-item queries (one target each) by MRR@10, Success@1 and Success@10.

Conventions (those of NIST trec_eval with `-c -M 1000`, see eval/README.md):
  * a run line is `qid Q0 docid rank score tag`; the rank column is ignored
    and each query's results are ordered by score, highest first, equal
    scores by docid in descending string order; only the first 1000 count;
  * a qrels line is `qid iter docid gain`; a document is relevant when its
    gain is >= 1; negative gains count as 0 in nDCG;
  * the mean is over the qrels' queries with at least one relevant document;
    such a query absent from the run scores 0 on every measure.
nDCG@10 uses the gain itself and a 1/log2(rank + 1) discount; its ideal
ranking is the query's judged gains, largest first.

Standard library only, so the harness runs anywhere Python 3 does.
"""
import math

MEASURES = ("ndcg@10", "map", "p@10", "recall@100")
DEPTH = 1000


def parse_qrels(lines):
    """{qid: {docid: gain}} from qrels lines."""
    qrels = {}
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError("qrels line %d: want 4 fields, got %d" % (number, len(fields)))
        qid, _, docid, gain = fields
        qrels.setdefault(qid, {})[docid] = int(float(gain))
    return qrels


def parse_run(lines):
    """{qid: [(docid, score)]} from run lines; a repeated (qid, docid) keeps
    its first line."""
    run = {}
    seen = set()
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6:
            raise ValueError("run line %d: want 6 fields, got %d" % (number, len(fields)))
        qid, docid, score = fields[0], fields[2], float(fields[4])
        if (qid, docid) not in seen:
            seen.add((qid, docid))
            run.setdefault(qid, []).append((docid, score))
    return run


def ordered(results):
    """Docids best first: score descending, then docid descending."""
    return [docid for docid, _ in sorted(results, key=lambda r: (-r[1], _Desc(r[0])))][:DEPTH]


class _Desc:
    """Sort key that reverses string order."""
    __slots__ = ("s",)

    def __init__(self, s):
        self.s = s

    def __lt__(self, other):
        return self.s > other.s

    def __eq__(self, other):
        return self.s == other.s


def _discounted(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains) if g > 0)


def score_query(judged, ranking):
    """Measures of one query. judged: {docid: gain}; ranking: docids best first."""
    relevant = {d for d, g in judged.items() if g >= 1}
    if not relevant:
        raise ValueError("a query without relevant documents is not scored")
    ideal = _discounted(sorted((max(g, 0) for g in judged.values()), reverse=True)[:10])
    dcg = _discounted([max(judged.get(d, 0), 0) for d in ranking[:10]])
    found, precision_sum = 0, 0.0
    for position, docid in enumerate(ranking, 1):
        if docid in relevant:
            found += 1
            precision_sum += found / position
    return {
        "ndcg@10": dcg / ideal,
        "map": precision_sum / len(relevant),
        "p@10": len(relevant.intersection(ranking[:10])) / 10,
        "recall@100": len(relevant.intersection(ranking[:100])) / len(relevant),
    }


def evaluate(qrels, run):
    """(per-query measures {qid: {measure: value}}, means {measure: value})."""
    per_query = {}
    for qid, judged in qrels.items():
        if any(g >= 1 for g in judged.values()):
            per_query[qid] = score_query(judged, ordered(run.get(qid, [])))
    count = len(per_query)
    means = {m: sum(q[m] for q in per_query.values()) / count if count else 0.0
             for m in MEASURES}
    return per_query, means


# Known-item measures: one target per query, scored from its rank (1-based;
# None when the target was not returned). MRR@10 is the mean of 1/rank over
# the queries, a rank past 10 counting 0; Success@k the share of queries
# whose target is at rank k or better.
KNOWN_ITEM_MEASURES = ("mrr@10", "success@1", "success@10")


def known_item_scores(rank):
    """Measures of one known-item query whose target came at `rank`."""
    found = rank is not None and rank >= 1
    if rank is not None and rank < 1:
        raise ValueError("a rank starts at 1, got %r" % rank)
    return {
        "mrr@10": 1.0 / rank if found and rank <= 10 else 0.0,
        "success@1": 1.0 if found and rank == 1 else 0.0,
        "success@10": 1.0 if found and rank <= 10 else 0.0,
    }


def known_item_means(ranks):
    """Means of the known-item measures over `ranks` (an iterable of ranks,
    None for a target not returned); zeros for no query."""
    scores = [known_item_scores(r) for r in ranks]
    return {m: sum(s[m] for s in scores) / len(scores) if scores else 0.0
            for m in KNOWN_ITEM_MEASURES}
