#include "common/index/index_folder.h"

#include <dirent.h>
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

// "a folder holding 2 files and 1 folder (a.txt, b/, c.txt)".
std::string DescribeFolder(const std::string& path, const std::vector<std::string>& names) {
  size_t folders = 0;
  std::string shown;
  for (size_t i = 0; i < names.size(); ++i) {
    struct stat st;
    bool is_folder = ::lstat((path + "/" + names[i]).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (is_folder) ++folders;
    if (i < 3) shown += (i ? ", " : "") + names[i] + (is_folder ? "/" : "");
  }
  if (names.size() > 3) shown += ", ...";
  const size_t files = names.size() - folders;
  std::string counts;
  if (files > 0) counts = Plural(files, "file");
  if (folders > 0) counts += (counts.empty() ? "" : " and ") + Plural(folders, "folder");
  return "a folder holding " + counts + " (" + shown + ")";
}

bool IsXapianTableName(std::string_view name) {
  return EndsWith(name, ".glass") || EndsWith(name, ".DB") || EndsWith(name, ".baseA") ||
         EndsWith(name, ".baseB");
}

}  // namespace

bool IsIndexFileName(std::string_view name) {
  for (std::string_view fixed : {"iamglass", "iamchert", "flintlock", "XAPIANDB",
                                 "quarry-settings", "quarry-run", "quarry-rebuild"}) {
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
    info.place = IndexPlace::kDatabase;
    info.description = "a Xapian database";
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

namespace {

// Gives `path` (not followed if a link) and, for a folder, everything inside
// it (two levels: shard folders) the owner and group `uid`/`gid`.
void ChownTree(const std::string& path, uid_t uid, gid_t gid, int depth) {
  (void)::lchown(path.c_str(), uid, gid);
  if (depth == 0) return;
  std::optional<std::vector<std::string>> names = ListFolder(path);
  if (!names) return;
  for (const std::string& name : *names) ChownTree(path + "/" + name, uid, gid, depth - 1);
}

}  // namespace

Status CopyFolderAccess(const std::string& from, const std::string& to) {
  struct stat source, target;
  if (::stat(from.c_str(), &source) != 0) return ErrnoError(errno, from);
  if (::stat(to.c_str(), &target) != 0) return ErrnoError(errno, to);
  if (::chmod(to.c_str(), source.st_mode & 07777) != 0) {
    return IoError("cannot give " + to + " the permissions of " + from + ": " + std::strerror(errno));
  }
  if (::geteuid() == 0 && (source.st_uid != target.st_uid || source.st_gid != target.st_gid)) {
    ChownTree(to, source.st_uid, source.st_gid, 2);
  }
  return Status::Ok();
}

Status CreateIndexFolder(const std::string& path, IndexAccess access) {
  std::error_code ec;
  fs::path folder(path);
  if (folder.has_parent_path()) fs::create_directories(folder.parent_path(), ec);
  if (::mkdir(path.c_str(), 0700) == 0) {
    // mkdir's mode passes through the umask; the index's mode must not.
    if (::chmod(path.c_str(), FolderModeFor(access)) != 0) return ErrnoError(errno, path);
    return Status::Ok();
  }
  const int error = errno;
  if (error == EEXIST && InspectIndexPath(path).place == IndexPlace::kEmptyFolder) {
    return Status::Ok();
  }
  return IoError("cannot create the index folder " + path + ": " + std::strerror(error));
}

}  // namespace quarry
