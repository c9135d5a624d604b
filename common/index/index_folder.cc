#include "common/index/index_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

namespace quarry {

namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The names in the folder `path` (without "." and ".."); nullopt when it
// cannot be listed.
std::optional<std::vector<std::string>> ListFolder(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return std::nullopt;
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

// True when the first line of `path` that is not blank or a comment starts
// with a database kind Xapian's stub syntax knows.
bool LooksLikeStubFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  for (int read = 0; read < 64 && std::getline(in, line); ++read) {
    size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    std::string_view rest = std::string_view(line).substr(start);
    for (std::string_view kind : {"auto ", "auto\t", "remote ", "remote\t", "glass ", "glass\t",
                                  "chert ", "chert\t", "inmemory"}) {
      if (rest.starts_with(kind)) return true;
    }
    return false;
  }
  return false;
}

std::string Plural(size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "a.txt, b/, c.txt, ...": the first three of `names` (in `path`), a
// folder marked with a slash.
std::string ShownNames(const std::string& path, const std::vector<std::string>& names) {
  std::string shown;
  for (size_t i = 0; i < names.size() && i < 3; ++i) {
    struct stat st;
    bool is_folder = ::lstat((path + "/" + names[i]).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    shown += (i ? ", " : "") + names[i] + (is_folder ? "/" : "");
  }
  if (names.size() > 3) shown += ", ...";
  return shown;
}

// "a folder holding 2 files and 1 folder (a.txt, b/, c.txt)".
std::string DescribeFolder(const std::string& path, const std::vector<std::string>& names) {
  size_t folders = 0;
  for (const std::string& name : names) {
    struct stat st;
    if (::lstat((path + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) ++folders;
  }
  const size_t files = names.size() - folders;
  std::string counts;
  if (files > 0) counts = Plural(files, "file");
  if (folders > 0) counts += (counts.empty() ? "" : " and ") + Plural(folders, "folder");
  return "a folder holding " + counts + " (" + ShownNames(path, names) + ")";
}

bool IsXapianTableName(std::string_view name) {
  return EndsWith(name, ".glass") || EndsWith(name, ".DB") || EndsWith(name, ".baseA") ||
         EndsWith(name, ".baseB");
}

}  // namespace

bool IsIndexFileName(std::string_view name) {
  for (std::string_view fixed : {"iamglass", "iamchert", "flintlock", "XAPIANDB",
                                 "quarry-settings", "quarry-run", "quarry-rebuild",
                                 "quarry-scratch", "v.tmp"}) {
    if (name == fixed) return true;
  }
  if (IsXapianTableName(name)) return true;
  // Temporaries of the above (Xapian's and WriteFileAtomically's).
  if (EndsWith(name, ".tmp")) return IsIndexFileName(name.substr(0, name.size() - 4));
  // Replication changesets (XAPIAN_MAX_CHANGESETS): "changes17".
  if (name.starts_with("changes") && name.size() > 7 &&
      name.find_first_not_of("0123456789", 7) == std::string_view::npos) {
    return true;
  }
  return false;
}

IndexPathInfo InspectIndexPath(const std::string& path) {
  IndexPathInfo info;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    struct stat link;
    if (::lstat(path.c_str(), &link) == 0) {
      info.place = IndexPlace::kForeign;
      info.description = "a symbolic link that leads nowhere";
      return info;
    }
    info.place = IndexPlace::kNothing;
    info.description = "nothing";
    return info;
  }
  if (S_ISREG(st.st_mode)) {
    if (LooksLikeStubFile(path)) {
      info.place = IndexPlace::kStubFile;
      info.description = "a stub file listing databases";
    } else {
      info.place = IndexPlace::kForeign;
      info.description = st.st_size == 0 ? "an empty file"
                                         : "a file of " + Plural(st.st_size, "byte");
    }
    return info;
  }
  if (!S_ISDIR(st.st_mode)) {
    info.place = IndexPlace::kForeign;
    info.description = S_ISFIFO(st.st_mode)   ? "a named pipe"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "a device";
    return info;
  }
  std::optional<std::vector<std::string>> names = ListFolder(path);
  if (!names) {
    info.place = IndexPlace::kForeign;
    info.description = std::string("a folder that cannot be read (") + std::strerror(errno) + ")";
    return info;
  }
  const auto has = [&](std::string_view name) {
    return std::find(names->begin(), names->end(), name) != names->end();
  };
  if (names->empty()) {
    info.place = IndexPlace::kEmptyFolder;
    info.description = "an empty folder";
  } else if (has("iamglass") || has("iamchert")) {
    std::vector<std::string> foreign;
    for (const std::string& name : *names) {
      if (!IsIndexFileName(name)) foreign.push_back(name);
    }
    info.place = foreign.empty() ? IndexPlace::kDatabase : IndexPlace::kForeign;
    info.description = foreign.empty()
                           ? "a Xapian database"
                           : "a Xapian database that also holds files Quarry did not write (" +
                                 ShownNames(path, foreign) + ")";
  } else if (has("XAPIANDB")) {
    info.place = IndexPlace::kShardFolder;
    info.description = "a folder of shards";
  } else if (std::all_of(names->begin(), names->end(),
                         [](const std::string& name) { return IsIndexFileName(name); }) &&
             std::any_of(names->begin(), names->end(),
                         [](const std::string& name) { return IsXapianTableName(name); })) {
    info.place = IndexPlace::kDamagedDatabase;
    info.description = "a Xapian database whose version file (iamglass) is missing";
  } else {
    info.place = IndexPlace::kForeign;
    info.description = DescribeFolder(path, *names);
  }
  return info;
}

Status CheckIndexPlace(const std::string& path) {
  IndexPathInfo info = InspectIndexPath(path);
  switch (info.place) {
    case IndexPlace::kNothing:
    case IndexPlace::kEmptyFolder:
    case IndexPlace::kDatabase:
    case IndexPlace::kShardFolder:
    case IndexPlace::kStubFile:
      return Status::Ok();
    case IndexPlace::kDamagedDatabase:
      return DataLossError("the index at " + path + " is damaged: it is " + info.description +
                           "; 'quarry-index --db " + path +
                           " --rebuild' builds a new one beside it from its folders and keeps "
                           "the damaged copy aside");
    case IndexPlace::kForeign:
      break;
  }
  return FailedPreconditionError(
      "--db " + path + " is " + info.description +
      ", not a Quarry index; nothing in it was touched. Give --db a path that does not exist "
      "yet, an empty folder or an existing index");
}

StatusOr<IndexAccess> ParseIndexAccess(std::string_view text) {
  if (text == "private") return IndexAccess::kPrivate;
  if (text == "group") return IndexAccess::kGroup;
  if (text == "public") return IndexAccess::kPublic;
  return InvalidArgumentError("--access takes private, group or public, not '" +
                              std::string(text) + "'");
}

std::string_view IndexAccessName(IndexAccess access) {
  switch (access) {
    case IndexAccess::kPrivate: return "private";
    case IndexAccess::kGroup: return "group";
    case IndexAccess::kPublic: return "public";
  }
  return "private";
}

mode_t FolderModeFor(IndexAccess access) {
  switch (access) {
    case IndexAccess::kPrivate: return 0700;
    case IndexAccess::kGroup: return 0750;
    case IndexAccess::kPublic: return 0755;
  }
  return 0700;
}

IndexAccess AccessOfMode(mode_t mode) {
  if (mode & (S_IROTH | S_IXOTH)) return IndexAccess::kPublic;
  if (mode & (S_IRGRP | S_IXGRP)) return IndexAccess::kGroup;
  return IndexAccess::kPrivate;
}

mode_t UmaskFor(IndexAccess access) {
  switch (access) {
    case IndexAccess::kPrivate: return 077;
    case IndexAccess::kGroup: return 027;
    case IndexAccess::kPublic: return 022;
  }
  return 077;
}

StatusOr<IndexAccess> ReadFolderAccess(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return NotFoundError("no folder at " + path);
  }
  return AccessOfMode(st.st_mode);
}

mode_t FileModeFor(IndexAccess access) {
  switch (access) {
    case IndexAccess::kPrivate: return 0600;
    case IndexAccess::kGroup: return 0640;
    case IndexAccess::kPublic: return 0644;
  }
  return 0600;
}

namespace {

// Gives `path` (not followed if a link) and, for a folder, everything inside
// it (two levels: shard folders) the mode of `access`, and when `owner` is
// set, that owner and group.
Status ApplyAccessTree(const std::string& path, IndexAccess access, const struct stat* owner,
                       int depth) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return ErrnoError(errno, path);
  if (owner != nullptr) (void)::lchown(path.c_str(), owner->st_uid, owner->st_gid);
  if (S_ISLNK(st.st_mode)) return Status::Ok();
  const mode_t mode = S_ISDIR(st.st_mode) ? FolderModeFor(access) : FileModeFor(access);
  if (::chmod(path.c_str(), mode) != 0) {
    return IoError("cannot set the access of " + path + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(st.st_mode) || depth == 0) return Status::Ok();
  std::optional<std::vector<std::string>> names = ListFolder(path);
  if (!names) return ErrnoError(errno, path);
  for (const std::string& name : *names) {
    QUARRY_RETURN_IF_ERROR(ApplyAccessTree(path + "/" + name, access, owner, depth - 1));
  }
  return Status::Ok();
}

}  // namespace

Status ApplyAccess(const std::string& folder, IndexAccess access) {
  return ApplyAccessTree(folder, access, nullptr, 2);
}

Status CopyFolderAccess(const std::string& from, const std::string& to) {
  struct stat source, target;
  if (::stat(from.c_str(), &source) != 0) return ErrnoError(errno, from);
  if (::stat(to.c_str(), &target) != 0) return ErrnoError(errno, to);
  // Root keeps a user's index theirs; others cannot give files away.
  const bool chown = ::geteuid() == 0 && (source.st_uid != target.st_uid || source.st_gid != target.st_gid);
  return ApplyAccessTree(to, AccessOfMode(source.st_mode), chown ? &source : nullptr, 2);
}

std::string ResolveIndexLink(const std::string& path) {
  struct stat link;
  if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) return path;
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  return ec ? path : target.string();
}

StatusOr<FolderLock> FolderLock::Take(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, folder);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return LockedError("index " + folder + " is locked by another quarry-index");
    return ErrnoError(error, folder);
  }
  return FolderLock(fd);
}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace quarry
