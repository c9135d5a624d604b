#include "common/index/scratch.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>

#include "common/index/index_folder.h"

namespace quarry {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNewMark = ".new-";
constexpr std::string_view kCompactMark = ".compact-";
constexpr std::string_view kRebuildMark = ".rebuild";
constexpr std::string_view kPendingMark = ".pending.part";

bool AllDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// The process id a scratch name after the index's own (`rest`) carries,
// or 0; -1 when `rest` is not a scratch name at all.
long ScratchPidOf(std::string_view rest) {
  if (rest == kRebuildMark) return 0;
  if (rest.starts_with(kPendingMark)) return AllDigits(rest.substr(kPendingMark.size())) ? 0 : -1;
  std::string_view pid;
  if (rest.starts_with(kNewMark)) {
    pid = rest.substr(kNewMark.size());
  } else if (rest.starts_with(kCompactMark)) {
    pid = rest.substr(kCompactMark.size());
    const size_t dot = pid.find('.');
    if (dot != std::string_view::npos) {
      const std::string_view suffix = pid.substr(dot);
      const bool part = suffix.starts_with(".part") && AllDigits(suffix.substr(5));
      if (!part && suffix != ".probe-a" && suffix != ".probe-b") return -1;
      pid = pid.substr(0, dot);
    }
  } else {
    return -1;
  }
  if (!AllDigits(pid) || pid.size() > 9) return -1;
  return std::stol(std::string(pid));
}

// True when `rest` (a name after the index's own) is ".pending.partK".
bool IsPendingRest(std::string_view rest) {
  return rest.starts_with(kPendingMark) && AllDigits(rest.substr(kPendingMark.size()));
}

std::string Pid() { return std::to_string(::getpid()); }

// True for "shard-000" ... "shard-998".
bool IsShardFolderName(std::string_view name) {
  return name.size() == 9 && name.starts_with("shard-") &&
         name.find_first_not_of("0123456789", 6) == std::string_view::npos;
}

// Why the folder `path` may not be removed as scratch, or empty when it
// may: it must be a real folder owned by this user holding only index files
// and (`depth` > 0) shard folders that do.
std::string WhyNotRemovable(const std::string& path, int depth) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return std::string("cannot be read: ") + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return "it is not a folder";
  if (st.st_uid != ::geteuid()) return "it belongs to another user";
  if (depth > 0 && ::access((path + "/" + std::string(kScratchMarkFileName)).c_str(), F_OK) != 0) {
    return "it has no mark of Quarry's scratch (if it is an old copy of the index, remove it "
           "yourself)";
  }
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const fs::file_status status = it->symlink_status(ec);
    if (fs::is_regular_file(status) && IsIndexFileName(name)) continue;
    if (depth > 0 && fs::is_directory(status) &&
        (IsShardFolderName(name) ||
         (IsShardFolderName(name.substr(0, 9)) &&
          IsScratchName(path + "/" + name.substr(0, 9), it->path().string())))) {
      std::string why = WhyNotRemovable(it->path().string(), depth - 1);
      if (why.empty()) continue;
      return why;
    }
    return "it holds " + it->path().string() + ", which Quarry did not write";
  }
  if (ec) return "cannot be listed: " + ec.message();
  return {};
}

}  // namespace

std::string ScratchPath(const std::string& index_path, ScratchKind kind, size_t part) {
  switch (kind) {
    case ScratchKind::kNew:
      return index_path + std::string(kNewMark) + Pid();
    case ScratchKind::kCompact:
      return index_path + std::string(kCompactMark) + Pid();
    case ScratchKind::kPart:
      return index_path + std::string(kCompactMark) + Pid() + ".part" + std::to_string(part);
    case ScratchKind::kProbeA:
      return index_path + std::string(kCompactMark) + Pid() + ".probe-a";
    case ScratchKind::kProbeB:
      return index_path + std::string(kCompactMark) + Pid() + ".probe-b";
    case ScratchKind::kRebuild:
      return index_path + std::string(kRebuildMark);
    case ScratchKind::kPending:
      return index_path + std::string(kPendingMark) + std::to_string(part);
  }
  return index_path + std::string(kCompactMark) + Pid();
}

bool IsScratchName(const std::string& index_path, const std::string& path) {
  const fs::path index(index_path), candidate(path);
  if (index.parent_path().lexically_normal() != candidate.parent_path().lexically_normal()) {
    return false;
  }
  const std::string base = index.filename().string();
  const std::string name = candidate.filename().string();
  if (!name.starts_with(base)) return false;
  const std::string_view rest = std::string_view(name).substr(base.size());
  if (rest.starts_with(std::string(kRebuildMark) + ".")) {
    // The scratch of the rebuild itself (its parts, its compacted copy).
    return IsScratchName(index_path + std::string(kRebuildMark), path);
  }
  return ScratchPidOf(rest) >= 0;
}

Status CreateScratchFolder(const std::string& path) {
  std::error_code ec;
  const fs::path folder(path);
  if (folder.has_parent_path()) fs::create_directories(folder.parent_path(), ec);
  if (::mkdir(path.c_str(), 0700) != 0) return ErrnoError(errno, path).WithContext("cannot make scratch");
  return MarkAsScratch(path);
}

Status MarkAsScratch(const std::string& folder) {
  const std::string mark = folder + "/" + std::string(kScratchMarkFileName);
  int fd = ::open(mark.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError(errno, mark);
  const std::string text = "made by quarry-index (pid " + Pid() + "): removed when done\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int error = errno;
  ::close(fd);
  if (!written) return ErrnoError(error, mark);
  return Status::Ok();
}

void UnmarkScratch(const std::string& folder) {
  ::unlink((folder + "/" + std::string(kScratchMarkFileName)).c_str());
}

Status RemoveScratch(const std::string& index_path, const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) return Status::Ok();
  if (!IsScratchName(index_path, path)) {
    return FailedPreconditionError("not removing " + path + ": Quarry did not make it");
  }
  const long pid = ScratchPidOf(std::string_view(fs::path(path).filename().string())
                                    .substr(fs::path(index_path).filename().string().size()));
  if (pid > 0 && pid != ::getpid() && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) {
    return FailedPreconditionError("not removing " + path + ": process " + std::to_string(pid) +
                                   " may still be working in it");
  }
  std::string why = WhyNotRemovable(path, 1);
  if (!why.empty()) return FailedPreconditionError("not removing " + path + ": " + why);
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return IoError("cannot remove " + path + ": " + ec.message());
  return Status::Ok();
}

std::vector<std::string> FindPendingParts(const std::string& index_path) {
  std::vector<std::pair<unsigned long, std::string>> found;
  std::error_code ec;
  const fs::path index(index_path);
  const std::string base = index.filename().string();
  fs::path parent = index.parent_path();
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(base) || !IsPendingRest(std::string_view(name).substr(base.size()))) {
      continue;
    }
    found.emplace_back(std::stoul(name.substr(base.size() + kPendingMark.size())),
                       (parent / name).string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& [number, path] : found) paths.push_back(std::move(path));
  return paths;
}

std::vector<std::string> RemoveLeftovers(const std::string& index_path,
                                         const std::vector<std::string>& keep) {
  std::vector<std::string> kept;
  std::error_code ec;
  fs::path parent = fs::path(index_path).parent_path();
  std::vector<std::string> found;
  for (fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec), end;
       !ec && it != end; it.increment(ec)) {
    const std::string path = (fs::path(index_path).parent_path() / it->path().filename()).string();
    const std::string name = it->path().filename().string();
    if (name.find(kPendingMark) != std::string::npos) continue;  // the next merge's
    if (IsScratchName(index_path, path)) found.push_back(path);
  }
  for (const std::string& path : found) {
    bool spared = false;
    for (const std::string& other : keep) {
      if (fs::path(other).lexically_normal() == fs::path(path).lexically_normal()) spared = true;
    }
    if (spared) continue;
    Status removed = RemoveScratch(index_path, path);
    if (!removed.ok()) kept.push_back(removed.message());
  }
  return kept;
}

Status ExchangeFolders(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0) {
    return IoError("cannot exchange " + a + " and " + b + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

bool CanExchangeBeside(const std::string& index_path) {
  const std::string a = ScratchPath(index_path, ScratchKind::kProbeA);
  const std::string b = ScratchPath(index_path, ScratchKind::kProbeB);
  bool exchanged = ::mkdir(a.c_str(), 0700) == 0 && ::mkdir(b.c_str(), 0700) == 0 &&
                   ExchangeFolders(a, b).ok();
  // Empty (never marked): rmdir removes nothing else.
  ::rmdir(a.c_str());
  ::rmdir(b.c_str());
  return exchanged;
}

}  // namespace quarry
