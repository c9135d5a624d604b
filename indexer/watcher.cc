#include "indexer/watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "indexer/corpus/change_detector.h"

namespace quarry::indexer {

namespace {

// One read takes in this many bytes of events at most (each event is 16
// bytes and its name, padded): a few hundred events.
constexpr size_t kReadBytes = 64 * 1024;

// The value of a kernel setting under /proc/sys, or "?" when unreadable.
std::string KernelSetting(const char* path) {
  std::ifstream in(path);
  std::string value;
  if (!(in >> value)) return "?";
  return value;
}

std::string ParentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

void WatchBatch::Touch(const std::string& path) {
  Mark();
  if (walk_everything.empty()) paths.insert(path);
}

void WatchBatch::WalkEverything(const std::string& reason) {
  Mark();
  if (walk_everything.empty()) walk_everything = reason;
  paths.clear();
}

void WatchBatch::Mark() {
  const WatchClock::time_point now = WatchClock::now();
  if (empty()) first = now;
  last = now;
}

uint32_t WatchEventMask() {
  return IN_CREATE | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
         IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
}

Watcher::Watcher(WatcherLimits limits) : limits_(limits) { Restart(); }

Watcher::~Watcher() {
  if (fd_ >= 0) ::close(fd_);
}

void Watcher::Follow(const std::vector<std::string>& roots, const WalkOptions& options) {
  roots_ = roots;
  options_ = options;
  options_.on_folder = nullptr;
  options_.on_progress = nullptr;
  // A root that is a file is watched through its folder, which also sees
  // it replaced (an editor's save by rename makes a new file).
  for (const std::string& root : roots_) {
    struct stat st;
    if (::stat(root.c_str(), &st) == 0 && S_ISREG(st.st_mode)) Watch(ParentOf(root));
  }
}

void Watcher::Watch(const std::string& folder) {
  if (fd_ < 0) return;
  if (limits_.max_watches > 0 && watches_.size() >= limits_.max_watches &&
      watches_.count(folder) == 0) {
    ++refused_;
    return;
  }
  // Asked again even when the folder is known: a folder deleted and made
  // anew under the same name is another folder, whose watch is new.
  const int wd = ::inotify_add_watch(fd_, folder.c_str(), WatchEventMask());
  if (wd < 0) {
    if (errno == ENOSPC) ++refused_;
    return;  // gone or unreadable since the walk listed it: nothing to watch
  }
  if (folders_.count(wd)) return;  // the same folder reached by another path: the first is kept
  if (auto old = watches_.find(folder); old != watches_.end()) {
    // The folder that was there (moved away, or under a disk mounted on
    // it) is no longer the one at this path.
    ::inotify_rm_watch(fd_, old->second);
    folders_.erase(old->second);
  }
  struct stat st = {};
  ::stat(folder.c_str(), &st);
  folders_[wd] = {folder, st.st_dev, st.st_ino};
  watches_[folder] = wd;
}

void Watcher::Restart() {
  if (fd_ >= 0) ::close(fd_);
  folders_.clear();
  watches_.clear();
  refused_ = 0;
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  unavailable_.clear();
  if (fd_ < 0) {
    unavailable_ = errno == EMFILE ? "too many inotify instances (fs.inotify.max_user_instances is " +
                                         KernelSetting("/proc/sys/fs/inotify/max_user_instances") + ")"
                                   : std::strerror(errno);
  }
}

void Watcher::Unwatch(const std::string& folder) {
  const auto drop = [this](std::map<std::string, int>::iterator it) {
    ::inotify_rm_watch(fd_, it->second);
    folders_.erase(it->second);
    return watches_.erase(it);
  };
  if (auto it = watches_.find(folder); it != watches_.end()) drop(it);
  const std::string prefix = folder == "/" ? "/" : folder + "/";
  for (auto it = watches_.lower_bound(prefix);
       it != watches_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = drop(it);
  }
}

bool Watcher::Matters(const std::string& path) const {
  for (const std::string& root : roots_) {
    if (path == root) return true;
    if (PathIsUnder(path, root) && !WalkLeavesOut(options_, root, path)) return true;
  }
  return false;
}

void Watcher::Take(int wd, uint32_t mask, std::string_view name, WatchBatch& batch) {
  ++batch.events;
  if (mask & IN_Q_OVERFLOW) {
    const std::string limit = limits_.queued_events > 0
                                  ? std::to_string(limits_.queued_events) + ", a test's limit"
                                  : "fs.inotify.max_queued_events is " +
                                        KernelSetting("/proc/sys/fs/inotify/max_queued_events");
    batch.WalkEverything("the inotify event queue overflowed (" + limit + ")");
    return;
  }
  auto it = folders_.find(wd);
  if (it == folders_.end()) return;  // a watch dropped already
  const std::string folder = it->second.path;
  const bool is_root = std::find(roots_.begin(), roots_.end(), folder) != roots_.end();
  if (mask & IN_IGNORED) {
    // The folder was deleted or unmounted: its parent says so, unless it
    // is a root (whose parent is not watched).
    watches_.erase(folder);
    folders_.erase(it);
    if (is_root) batch.Touch(folder);
    return;
  }
  if (mask & IN_MOVE_SELF) {
    // The watch follows the folder wherever it went; under its old name
    // it is gone (its parent, when watched, says so too).
    Unwatch(folder);
    if (is_root || Matters(folder)) batch.Touch(folder);
    return;
  }
  if (name.empty()) return;  // the folder itself: its attributes, its deletion (IN_IGNORED follows)
  std::string path = folder;
  if (path != "/") path += '/';
  path.append(name);
  if (!Matters(path)) return;
  if ((mask & IN_ISDIR) && (mask & (IN_MOVED_FROM | IN_DELETE))) Unwatch(path);
  batch.Touch(path);
}

void Watcher::Poll(std::chrono::milliseconds timeout, WatchBatch& batch) {
  struct pollfd ready = {fd_, POLLIN, 0};
  // Without inotify this only waits (a signal still ends the wait).
  if (::poll(fd_ >= 0 ? &ready : nullptr, fd_ >= 0 ? 1 : 0, static_cast<int>(timeout.count())) <= 0) {
    return;
  }
  alignas(struct inotify_event) char buffer[kReadBytes];
  for (;;) {
    const ssize_t length = ::read(fd_, buffer, sizeof buffer);
    if (length <= 0) return;  // EAGAIN: all taken in
    for (char* at = buffer; at < buffer + length;) {
      const auto* event = reinterpret_cast<const struct inotify_event*>(at);
      at += sizeof(struct inotify_event) + event->len;
      if (limits_.queued_events > 0 && batch.events >= limits_.queued_events) {
        // The kernel's queue would be full: the event is lost, and an
        // overflow takes its place once.
        if (batch.walk_everything.empty()) Take(-1, IN_Q_OVERFLOW, {}, batch);
        continue;
      }
      Take(event->wd, event->mask, event->len > 0 ? std::string_view(event->name) : std::string_view(),
           batch);
    }
  }
}

std::string Watcher::Blind() const {
  if (fd_ < 0) return "inotify is not available: " + unavailable_;
  if (refused_ > 0) {
    const std::string limit = limits_.max_watches > 0
                                  ? std::to_string(limits_.max_watches) + ", a test's limit"
                                  : "fs.inotify.max_user_watches is " +
                                        KernelSetting("/proc/sys/fs/inotify/max_user_watches") +
                                        "; raise it with sysctl";
    return "the inotify watch limit is reached: " + std::to_string(watches_.size()) +
           " folders are watched, " + std::to_string(refused_) + " are not (" + limit + ")";
  }
  for (const std::string& root : roots_) {
    struct stat st;
    bool watched = ::stat(root.c_str(), &st) == 0;
    const std::string folder = watched && S_ISREG(st.st_mode) ? ParentOf(root) : root;
    if (watched && folder != root) watched = ::stat(folder.c_str(), &st) == 0;
    auto it = watches_.find(folder);
    watched = watched && it != watches_.end() && folders_.at(it->second).device == st.st_dev &&
              folders_.at(it->second).inode == st.st_ino;
    if (!watched) {
      return root + " is not watched (missing, unreadable, moved, unmounted or mounted anew)";
    }
  }
  return {};
}

}  // namespace quarry::indexer
