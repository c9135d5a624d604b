#include "indexer/corpus/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <filesystem>
#include <set>
#include <utility>

#include "common/index/schema.h"
#include "common/index/scratch.h"

namespace quarry::indexer {

namespace {

bool IsVersionControlDir(const std::string& name) {
  return name == ".git" || name == ".hg" || name == ".svn" || name == ".bzr" || name == "_darcs";
}

std::string LowerExtension(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The resolved form of `path` (symlinks followed); empty when it cannot be.
std::string RealPath(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return {};
  std::string real(resolved);
  std::free(resolved);
  return real;
}

bool IsUnder(const std::string& path, const std::string& folder) {
  if (folder == "/") return !path.empty() && path[0] == '/';
  return path == folder || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                            path[folder.size()] == '/');
}

// The walk's rule for the name of `path` (under `root`), whatever it
// names: version-control folders, dot-files without include_hidden, and
// exclude globs on the name or on the path relative to the root.
bool LeavesOutName(const WalkOptions& options, const std::string& name, const std::string& root,
                   const std::string& path) {
  if (IsVersionControlDir(name)) return true;
  if (!options.include_hidden && name[0] == '.') return true;
  if (options.exclude_globs.empty()) return false;
  const std::string relative = path.size() <= root.size() ? name
                               : root == "/"              ? path.substr(1)
                                                          : path.substr(root.size() + 1);
  for (const std::string& glob : options.exclude_globs) {
    if (::fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    if (::fnmatch(glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0) return true;
  }
  return false;
}

// The index's folder, or scratch beside it.
bool IsIndexFolder(const WalkOptions& options, const std::string& path) {
  if (options.index_path.empty()) return false;
  return path == options.index_path || IsScratchName(options.index_path, path);
}

class Walker {
 public:
  Walker(const WalkOptions& options, const std::vector<std::string>& roots, WalkResult& result)
      : options_(options), result_(result) {
    if (options.symlinks == SymlinkPolicy::kWithinRoots) {
      for (const std::string& root : roots) {
        std::string real = RealPath(root);
        if (!real.empty()) real_roots_.push_back(std::move(real));
      }
    }
  }

  void WalkRoot(RootState& root) {
    struct stat st;
    if (!Probe(root, st)) return;
    size_t before = result_.entries.size();
    if (S_ISDIR(st.st_mode)) {
      root_ = root.path;
      visited_dirs_.insert({st.st_dev, st.st_ino});
      WalkDirectory(root.path);
    } else {
      result_.entries.push_back(
          {root.path, static_cast<uint64_t>(st.st_size), schema::ModificationTimeNs(st)});
    }
    root.entries = result_.entries.size() - before;
  }

  // Whether `root` can be walked (a readable folder or a regular file); its
  // status says why not. `st` is its stat.
  bool Probe(RootState& root, struct stat& st) {
    if (::stat(root.path.c_str(), &st) != 0) {
      root.status = ErrnoError(errno, root.path);
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      DIR* probe = ::opendir(root.path.c_str());
      if (probe == nullptr) {
        root.status = ErrnoError(errno, root.path);
        return false;
      }
      ::closedir(probe);
      return true;
    }
    if (S_ISREG(st.st_mode)) return true;
    root.status = InvalidArgumentError(root.path + ": not a folder or regular file");
    return false;
  }

  // Lists what WalkRoot(root) lists at or under `path`. REQUIRES: `root`
  // probed OK, `path` at or under it.
  void WalkUnder(RootState& root, const std::string& path) {
    const size_t before = result_.entries.size();
    root_ = root.path;
    struct stat st;
    if (Reach(path, st)) {
      if (S_ISDIR(st.st_mode)) {
        if (visited_dirs_.insert({st.st_dev, st.st_ino}).second) WalkDirectory(path);
      } else if (S_ISREG(st.st_mode) &&
                 (path == root.path || ExtensionIncluded(path.substr(path.rfind('/') + 1)))) {
        result_.entries.push_back(
            {path, static_cast<uint64_t>(st.st_size), schema::ModificationTimeNs(st)});
      }
    }
    root.entries += result_.entries.size() - before;
  }

 private:
  bool LeavesOut(const std::string& name, const std::string& path) const {
    return LeavesOutName(options_, name, root_, path);
  }

  // Whether the walk of root_ reaches `path` (at or under it): every
  // folder from the root down is walked into, and `path` is not left out.
  // `st` is then its stat (links followed).
  bool Reach(const std::string& path, struct stat& st) const {
    if (::stat(root_.c_str(), &st) != 0) return false;
    if (path.size() <= root_.size()) return true;  // the root itself
    for (size_t start = root_ == "/" ? 1 : root_.size() + 1; start <= path.size();) {
      if (!S_ISDIR(st.st_mode)) return false;
      const size_t slash = std::min(path.find('/', start), path.size());
      const std::string name = path.substr(start, slash - start);
      const std::string at = path.substr(0, slash);
      if (name.empty() || LeavesOut(name, at)) return false;
      if (::lstat(at.c_str(), &st) != 0) return false;
      if (S_ISLNK(st.st_mode) && (!FollowLink(at) || ::stat(at.c_str(), &st) != 0)) return false;
      if (S_ISDIR(st.st_mode) && IsIndexFolder(options_, at)) return false;
      start = slash + 1;
    }
    return true;
  }

  bool ExtensionIncluded(const std::string& name) const {
    if (options_.include_extensions.empty()) return true;
    std::string ext = LowerExtension(name);
    return std::find(options_.include_extensions.begin(), options_.include_extensions.end(),
                     ext) != options_.include_extensions.end();
  }

  void WalkDirectory(const std::string& dir_path) {
    if (options_.on_folder) options_.on_folder(dir_path);
    int dir_fd = ::open(dir_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) {
      result_.problems.push_back({dir_path, ErrnoError(errno, dir_path)});
      return;
    }
    DIR* dir = ::fdopendir(dir_fd);
    if (dir == nullptr) {
      result_.problems.push_back({dir_path, ErrnoError(errno, dir_path)});
      ::close(dir_fd);
      return;
    }
    std::vector<std::string> subdirs;
    while (struct dirent* de = ::readdir(dir)) {
      std::string name = de->d_name;
      if (name == "." || name == "..") continue;
      std::string path = dir_path == "/" ? "/" + name : dir_path + "/" + name;
      if (LeavesOut(name, path)) continue;

      struct stat st;
      if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        // Vanished between readdir and stat, or no permission.
        result_.problems.push_back({path, ErrnoError(errno, path)});
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        if (!FollowLink(path)) continue;
        if (::fstatat(dir_fd, name.c_str(), &st, 0) != 0) continue;  // dangling link
      }
      if (S_ISDIR(st.st_mode)) {
        if (IsIndexFolder(options_, path)) continue;
        // A folder reached twice (a link loop, or two links to one folder)
        // is walked once.
        if (!visited_dirs_.insert({st.st_dev, st.st_ino}).second) continue;
        subdirs.push_back(std::move(path));
      } else if (S_ISREG(st.st_mode)) {
        if (!ExtensionIncluded(name)) continue;
        result_.entries.push_back(
            {std::move(path), static_cast<uint64_t>(st.st_size), schema::ModificationTimeNs(st)});
        if (options_.on_progress && result_.entries.size() % kWalkProgressEvery == 0) {
          options_.on_progress(result_.entries.size());
        }
      }
    }
    ::closedir(dir);
    for (const std::string& sub : subdirs) WalkDirectory(sub);
  }

  bool FollowLink(const std::string& path) const {
    switch (options_.symlinks) {
      case SymlinkPolicy::kNever:
        return false;
      case SymlinkPolicy::kAlways:
        return true;
      case SymlinkPolicy::kWithinRoots: {
        std::string target = RealPath(path);
        if (target.empty()) return false;
        return std::any_of(real_roots_.begin(), real_roots_.end(),
                           [&](const std::string& root) { return IsUnder(target, root); });
      }
    }
    return false;
  }

  const WalkOptions& options_;
  WalkResult& result_;
  std::vector<std::string> real_roots_;  // kWithinRoots: the roots, resolved
  std::string root_;
  std::set<std::pair<dev_t, ino_t>> visited_dirs_;
};

}  // namespace

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  std::string normal = absolute.lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

namespace {

// Sorts the entries by path and drops those listed twice.
void SortEntries(WalkResult& result) {
  std::sort(result.entries.begin(), result.entries.end(),
            [](const CorpusEntry& a, const CorpusEntry& b) { return a.path < b.path; });
  result.entries.erase(std::unique(result.entries.begin(), result.entries.end(),
                                   [](const CorpusEntry& a, const CorpusEntry& b) {
                                     return a.path == b.path;
                                   }),
                       result.entries.end());
}

}  // namespace

WalkResult WalkRoots(const std::vector<std::string>& roots, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, roots, result);
  for (const std::string& root : roots) {
    RootState state;
    state.path = AbsolutePath(root);
    walker.WalkRoot(state);
    result.roots.push_back(std::move(state));
  }
  SortEntries(result);
  return result;
}

WalkResult WalkPaths(const std::vector<std::string>& roots, const std::vector<std::string>& paths,
                     const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, roots, result);
  // A path under another one is walked with it.
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> tops;
  for (const std::string& path : sorted) {
    if (tops.empty() || !IsUnder(path, tops.back())) tops.push_back(path);
  }
  for (const std::string& root : roots) {
    RootState state;
    state.path = AbsolutePath(root);
    struct stat st;
    if (walker.Probe(state, st)) {
      for (const std::string& path : tops) {
        if (IsUnder(path, state.path)) walker.WalkUnder(state, path);
      }
    }
    result.roots.push_back(std::move(state));
  }
  SortEntries(result);
  return result;
}

bool WalkLeavesOut(const WalkOptions& options, const std::string& root, const std::string& path) {
  const std::string name = path.substr(path.rfind('/') + 1);
  return LeavesOutName(options, name, root, path) || IsIndexFolder(options, path);
}

}  // namespace quarry::indexer
