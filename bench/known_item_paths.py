"""Trees of the known-item benchmark and how each system's result names
one of their documents.

A target is a path relative to its tree's root as installed
(`man/man1/ssh-keygen.1.gz`). Quarry indexes the installed files and
returns their absolute paths. The peers (omindex, plain Xapian BM25) read
a mirror of the tree in which gzip-compressed files are decompressed
(omindex cannot read them), so `doc/sed/sedfaq.txt.gz` is
`doc/sed/sedfaq.txt` there; the mirror's manifest maps each mirror path
back to the installed one. omindex's results are URLs: "/" + the mirror
path, percent-encoded.

Standard library only.
"""
import collections
import fnmatch
import gzip
import json
import os
import shutil
import urllib.parse

# A tree: its root, the folders under it that are indexed (relative to
# the root; "" for the root itself), and glob patterns matched against
# each file or folder name, or its path relative to the tree's root, that
# are left out (for Quarry, each is an --exclude of the folder it concerns).
Tree = collections.namedtuple("Tree", "name root folders excludes")

TREES = {
    "linux-doc": Tree("linux-doc", "/usr/share/doc/linux-doc-6.1/Documentation", ("",), ()),
    "python-doc": Tree("python-doc", "/usr/share/doc/python3.11/html", ("",), ()),
    # Man pages and /usr/share/doc, minus the two trees above and minus
    # the 16,631 generated pages of the Google Cloud CLI (not a Debian
    # archive package; see bench/known_items/README.md).
    "debian": Tree("debian", "/usr/share", ("man", "doc"),
                   ("doc/linux-doc-6.1", "doc/python3.11/html", "doc/google-cloud-cli", "gcloud*")),
}



def is_excluded(tree, relpath):
    """Whether `relpath` (relative to the tree's root) is left out of `tree`."""
    name = relpath.rsplit("/", 1)[-1]
    for pattern in tree.excludes:
        if "/" in pattern:
            if relpath == pattern or relpath.startswith(pattern + "/"):
                return True
        elif fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def quarry_roots_and_excludes(tree):
    """(folders, --exclude patterns) that make quarry-index index what
    walk_tree(tree) lists: Quarry matches an exclude against a name or a
    path relative to the folder given on its command line, so a pattern
    under one of the tree's folders loses that folder's part."""
    roots = [os.path.join(tree.root, f) if f else tree.root for f in tree.folders]
    excludes = []
    for pattern in tree.excludes:
        folder, _, rest = pattern.partition("/")
        excludes.append(rest if rest and folder in tree.folders else pattern)
    return roots, excludes


def walk_tree(tree):
    """Relative paths of the regular files of `tree` (symbolic links are
    not followed, as neither Quarry nor omindex follows them by default),
    sorted."""
    found = []
    for folder in tree.folders:
        start = os.path.join(tree.root, folder) if folder else tree.root
        for root, dirs, files in os.walk(start):
            rel_root = os.path.relpath(root, tree.root)
            rel_root = "" if rel_root == "." else rel_root
            dirs[:] = [d for d in dirs if not d.startswith(".")
                       and not os.path.islink(os.path.join(root, d))
                       and not is_excluded(tree, _join(rel_root, d))]
            for name in files:
                rel = _join(rel_root, name)
                if name.startswith(".") or is_excluded(tree, rel):
                    continue
                if os.path.isfile(os.path.join(root, name)) and not os.path.islink(os.path.join(root, name)):
                    found.append(rel)
    return sorted(found)


def _join(a, b):
    return a + "/" + b if a else b


def mirror_name(relpath, taken):
    """The name of `relpath` in the mirror: without its `.gz` (the file is
    decompressed there) unless that name is taken by another file of the
    tree (then the file keeps its name and stays compressed)."""
    if relpath.endswith(".gz") and relpath[:-3] not in taken:
        return relpath[:-3]
    return relpath


def build_mirror(tree, dest):
    """Fills the empty folder `dest` with a copy of `tree` in which gzip
    files are decompressed, writes its manifest ({mirror path: installed
    path}) beside it (manifest_path(dest)) and returns it. A gzip file
    that cannot be read is copied as it is."""
    paths = walk_tree(tree)
    taken = set(paths)
    manifest = {}
    for rel in paths:
        mirrored = mirror_name(rel, taken)
        source, target = os.path.join(tree.root, rel), os.path.join(dest, mirrored)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mirrored != rel:
            try:
                with gzip.open(source, "rb") as f, open(target, "wb") as out:
                    shutil.copyfileobj(f, out, 1 << 20)
            except (OSError, EOFError):
                os.remove(target)
                mirrored, target = rel, os.path.join(dest, rel)
                shutil.copyfile(source, target)
        else:
            shutil.copyfile(source, target)
        manifest[mirrored] = rel
    with open(manifest_path(dest), "w", encoding="utf-8") as f:
        json.dump(manifest, f, sort_keys=True)
    return manifest


def manifest_path(mirror):
    """Where the manifest of the mirror folder `mirror` is kept: beside it,
    not in it, so that no indexer reads it as a document."""
    return mirror.rstrip("/") + ".manifest.json"


def read_manifest(mirror):
    with open(manifest_path(mirror), encoding="utf-8") as f:
        return json.load(f)


def quarry_target(tree, path, cwd):
    """The tree-relative path of a Quarry result `path` (absolute, or
    relative to `cwd`, the folder quarry-search ran in), or None when it
    lies outside the tree's root."""
    absolute = os.path.normpath(os.path.join(cwd, path))
    root = tree.root.rstrip("/")
    if not absolute.startswith(root + "/"):
        return None
    return absolute[len(root) + 1:]


def omega_target(manifest, url):
    """The tree-relative path of an omindex result URL ("/" + the mirror
    path, percent-encoded), or None when the mirror has no such file."""
    mirrored = urllib.parse.unquote(url, errors="strict")
    return manifest.get(mirrored.lstrip("/"))


def rank_of(target, results):
    """1-based rank of `target` among `results` (tree-relative paths, None
    for a result outside the tree), or None when it is not there."""
    for position, path in enumerate(results, 1):
        if path == target:
            return position
    return None
