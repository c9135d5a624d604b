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
    if (::stat(root.path.c_str(), &st) != 0) {
      root.status = ErrnoError(errno, root.path);
      return;
    }
    size_t before = result_.entries.size();
    if (S_ISDIR(st.st_mode)) {
      root_ = root.path;
      DIR* probe = ::opendir(root.path.c_str());
      if (probe == nullptr) {
        root.status = ErrnoError(errno, root.path);
        return;
      }
      ::closedir(probe);
      visited_dirs_.insert({st.st_dev, st.st_ino});
      WalkDirectory(root.path);
    } else if (S_ISREG(st.st_mode)) {
      result_.entries.push_back(
          {root.path, static_cast<uint64_t>(st.st_size), schema::ModificationTimeNs(st)});
    } else {
      root.status = InvalidArgumentError(root.path + ": not a folder or regular file");
    }
    root.entries = result_.entries.size() - before;
  }

 private:
  bool Excluded(const std::string& name, const std::string& path) const {
    if (options_.exclude_globs.empty()) return false;
    std::string relative = path.size() > root_.size() ? path.substr(root_.size() + 1) : name;
    for (const std::string& glob : options_.exclude_globs) {
      if (::fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
      if (::fnmatch(glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0) return true;
    }
    return false;
  }

  bool ExtensionIncluded(const std::string& name) const {
    if (options_.include_extensions.empty()) return true;
    std::string ext = LowerExtension(name);
    return std::find(options_.include_extensions.begin(), options_.include_extensions.end(),
                     ext) != options_.include_extensions.end();
  }

  void WalkDirectory(const std::string& dir_path) {
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
      if (IsVersionControlDir(name)) continue;
      if (!options_.include_hidden && name[0] == '.') continue;
      std::string path = dir_path == "/" ? "/" + name : dir_path + "/" + name;
      if (Excluded(name, path)) continue;

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
        if (IsIndexFolder(path)) continue;
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

  // The index's folder, or scratch beside it, met under a root.
  bool IsIndexFolder(const std::string& path) const {
    if (options_.index_path.empty()) return false;
    return path == options_.index_path || IsScratchName(options_.index_path, path);
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

WalkResult WalkRoots(const std::vector<std::string>& roots, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, roots, result);
  for (const std::string& root : roots) {
    RootState state;
    state.path = AbsolutePath(root);
    walker.WalkRoot(state);
    result.roots.push_back(std::move(state));
  }
  std::sort(result.entries.begin(), result.entries.end(),
            [](const CorpusEntry& a, const CorpusEntry& b) { return a.path < b.path; });
  result.entries.erase(std::unique(result.entries.begin(), result.entries.end(),
                                   [](const CorpusEntry& a, const CorpusEntry& b) {
                                     return a.path == b.path;
                                   }),
                       result.entries.end());
  return result;
}

}  // namespace quarry::indexer
