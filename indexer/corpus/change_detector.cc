#include "indexer/corpus/change_detector.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace quarry::indexer {

const char* ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdd: return "add";
    case ChangeKind::kUpdate: return "update";
    case ChangeKind::kRemove: return "delete";
  }
  return "?";
}

size_t ChangePlan::Count(ChangeKind kind) const {
  return static_cast<size_t>(std::count_if(changes.begin(), changes.end(),
                                           [&](const PlannedChange& c) { return c.kind == kind; }));
}

bool PathIsUnder(const std::string& path, const std::string& root) {
  if (root == "/") return !path.empty() && path[0] == '/';
  return path.size() >= root.size() && path.compare(0, root.size(), root) == 0 &&
         (path.size() == root.size() || path[root.size()] == '/');
}

namespace {

size_t CountIndexedUnder(const IndexSnapshot& snapshot, const std::string& root) {
  return static_cast<size_t>(std::count_if(snapshot.begin(), snapshot.end(), [&](const auto& kv) {
    return PathIsUnder(kv.first, root);
  }));
}

}  // namespace

namespace {

// Plans `entry` (found by the walk) against what the index holds of it.
void PlanEntry(const CorpusEntry& entry, const IndexSnapshot& snapshot, ChangePlan& plan) {
  auto it = snapshot.find(entry.path);
  if (it == snapshot.end()) {
    plan.changes.push_back({ChangeKind::kAdd, entry, nullptr, "new file"});
  } else if (it->second.size != entry.size) {
    plan.changes.push_back({ChangeKind::kUpdate, entry, &it->second, "size changed"});
  } else if (it->second.mtime_ns != entry.mtime_ns) {
    plan.changes.push_back({ChangeKind::kUpdate, entry, &it->second, "modified"});
  } else if (!it->second.reread.empty()) {
    plan.changes.push_back({ChangeKind::kUpdate, entry, &it->second, it->second.reread});
  } else {
    ++plan.unchanged;
  }
}

bool UnderAny(const std::string& path, const std::vector<std::string>& folders) {
  return std::any_of(folders.begin(), folders.end(),
                     [&](const std::string& folder) { return PathIsUnder(path, folder); });
}

// Plans the walk's entries under `walked_roots`, then the removal of the
// files of `snapshot` under them that the walk did not find and that
// `may_vanish` allows, in path order.
template <typename MayVanish>
void PlanWalked(const WalkResult& walk, const IndexSnapshot& snapshot,
                const std::vector<std::string>& walked_roots, const MayVanish& may_vanish,
                ChangePlan& plan) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(walk.entries.size());
  for (const CorpusEntry& entry : walk.entries) {
    if (!UnderAny(entry.path, walked_roots)) continue;
    seen.insert(entry.path);
    PlanEntry(entry, snapshot, plan);
  }
  std::vector<const IndexedFile*> vanished;
  for (const auto& [path, indexed] : snapshot) {
    if (seen.count(path)) continue;
    if (UnderAny(path, walked_roots) && may_vanish(path)) vanished.push_back(&indexed);
  }
  std::sort(vanished.begin(), vanished.end(),
            [](const IndexedFile* a, const IndexedFile* b) { return a->path < b->path; });
  for (const IndexedFile* indexed : vanished) {
    plan.changes.push_back({ChangeKind::kRemove, CorpusEntry{}, indexed, "vanished or excluded"});
  }
}

void Protect(const std::string& root, const std::string& reason, ChangePlan& plan) {
  plan.protected_roots.push_back(root);
  plan.protected_reasons.push_back(reason);
}

}  // namespace

ChangePlan PlanChanges(const WalkResult& walk, const IndexSnapshot& snapshot) {
  ChangePlan plan;
  std::vector<std::string> walked_roots;
  for (const RootState& root : walk.roots) {
    if (!root.status.ok()) {
      Protect(root.path, root.status.message(), plan);
    } else if (root.entries == 0 && CountIndexedUnder(snapshot, root.path) > 0) {
      Protect(root.path, root.path + ": root is empty", plan);
    } else {
      walked_roots.push_back(root.path);
    }
  }
  PlanWalked(walk, snapshot, walked_roots, [](const std::string&) { return true; }, plan);
  return plan;
}

ChangePlan PlanChangesWithin(const WalkResult& walk, const IndexSnapshot& snapshot,
                             const std::vector<std::string>& paths) {
  ChangePlan plan;
  std::vector<std::string> walked_roots;
  for (const RootState& root : walk.roots) {
    if (root.status.ok()) {
      walked_roots.push_back(root.path);
    } else {
      Protect(root.path, root.status.message(), plan);
    }
  }
  PlanWalked(walk, snapshot, walked_roots,
             [&](const std::string& path) { return UnderAny(path, paths); }, plan);
  // A root left without a file: its changes are dropped, as PlanChanges
  // would drop them for a root found empty.
  for (const std::string& root : walked_roots) {
    const size_t indexed = CountIndexedUnder(snapshot, root);
    if (indexed == 0) continue;
    size_t removed = 0;
    bool added = false;
    for (const PlannedChange& change : plan.changes) {
      if (change.kind == ChangeKind::kRemove) {
        removed += PathIsUnder(change.indexed->path, root);
      } else if (change.kind == ChangeKind::kAdd) {
        added = added || PathIsUnder(change.entry.path, root);
      }
    }
    if (added || removed < indexed) continue;
    Protect(root, root + ": root is empty", plan);
    std::erase_if(plan.changes, [&](const PlannedChange& change) {
      return PathIsUnder(change.kind == ChangeKind::kRemove ? change.indexed->path : change.entry.path,
                         root);
    });
  }
  return plan;
}

Status CheckDeleteShare(const ChangePlan& plan, const IndexSnapshot& snapshot, double max_share) {
  const auto has_documents = [](const IndexedFile& file) { return file.skip_reason.empty(); };
  size_t deleted = 0;
  for (const PlannedChange& change : plan.changes) {
    if (change.kind == ChangeKind::kRemove && has_documents(*change.indexed)) ++deleted;
  }
  if (deleted <= kMassDeleteFloor) return Status::Ok();
  size_t indexed = static_cast<size_t>(std::count_if(
      snapshot.begin(), snapshot.end(), [&](const auto& kv) { return has_documents(kv.second); }));
  double share = indexed == 0 ? 1.0 : static_cast<double>(deleted) / static_cast<double>(indexed);
  if (share <= max_share) return Status::Ok();
  return FailedPreconditionError(
      "refusing to delete " + std::to_string(deleted) + " of the " + std::to_string(indexed) +
      " indexed files (" + std::to_string(std::lround(share * 100)) + "%, more than the " +
      std::to_string(std::lround(max_share * 100)) +
      "% allowed)");
}

}  // namespace quarry::indexer
