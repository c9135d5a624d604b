"""The known-item query set (bench/known_items/queries.tsv): reading and
checking it. See bench/known_items/README.md for the format.

Standard library only.
"""
import collections
import os

CATEGORIES = ("natural", "inflected", "phrase", "identifier", "non-english")
TAGS = ("own-words", "dash")
COLUMNS = ("id", "tree", "category", "tags", "query", "target", "package", "note")

KnownItem = collections.namedtuple("KnownItem", COLUMNS)


def parse_set(lines, trees):
    """KnownItems from the lines of a set file (header first).

    `trees` is the collection of tree names a query may name. Raises
    ValueError naming the line for a wrong header, a missing column, an
    unknown tree, category or tag, an empty query or target, a target that
    is not a relative path inside its tree, or an id used twice."""
    items, seen = [], set()
    lines = iter(lines)
    header = next(lines, "").rstrip("\n").split("\t")
    if tuple(header) != COLUMNS:
        raise ValueError("line 1: want the header %s, got %s" % ("\\t".join(COLUMNS), "\\t".join(header)))
    for number, line in enumerate(lines, 2):
        line = line.rstrip("\n")
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise ValueError("line %d: want %d tab-separated fields, got %d" % (number, len(COLUMNS), len(fields)))
        item = KnownItem(*fields)
        problem = _problem(item, trees, seen)
        if problem:
            raise ValueError("line %d (%s): %s" % (number, item.id, problem))
        seen.add(item.id)
        items.append(item)
    return items


def _problem(item, trees, seen):
    if not item.id or item.id in seen:
        return "missing or repeated id"
    if item.tree not in trees:
        return "unknown tree %r (known: %s)" % (item.tree, ", ".join(sorted(trees)))
    if item.category not in CATEGORIES:
        return "unknown category %r (known: %s)" % (item.category, ", ".join(CATEGORIES))
    unknown = [t for t in tag_list(item) if t not in TAGS]
    if unknown:
        return "unknown tag %r (known: %s)" % (unknown[0], ", ".join(TAGS))
    if not item.query.strip():
        return "empty query"
    target = item.target
    if (not target or target.startswith("/") or target != os.path.normpath(target)
            or target.split("/")[0] == ".."):
        return "the target must be a relative path inside the tree, got %r" % target
    return None


def tag_list(item):
    """The item's tags, in the order written."""
    return [t for t in item.tags.split(",") if t]


def read_set(path, trees):
    """KnownItems of the set file at `path` (see parse_set)."""
    with open(path, encoding="utf-8") as f:
        return parse_set(f, trees)
