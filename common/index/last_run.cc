#include "common/index/last_run.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace quarry {

namespace {

// The run record file's size is a multiple of this: a record is a few
// hundred bytes, plus its roots.
constexpr size_t kRunRecordBlock = 4096;

// Values are single lines: a newline would start a new field.
std::string OneLine(std::string value) {
  for (char& c : value) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return value;
}

// Calls `field` with the name and value of each "name=value" line.
void ForEachField(std::string_view text,
                  const std::function<void(std::string_view, std::string)>& field) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    field(line.substr(0, eq), std::string(line.substr(eq + 1)));
  }
}

template <typename Integer>
bool ParseInteger(const std::string& value, Integer& out) {
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  return ec == std::errc() && ptr == value.data() + value.size();
}

// Fills the LastRun fields of `run` from one line; false when `name` is not one.
bool ReadLastRunField(std::string_view name, std::string& value, LastRun& run, bool& has_finished) {
  if (name == "finished") {
    has_finished = ParseInteger(value, run.finished_unix_seconds);
  } else if (name == "seconds") {
    run.seconds = std::strtod(value.c_str(), nullptr);
  } else if (name == "result") {
    run.result = std::move(value);
  } else if (name == "counts") {
    run.counts = std::move(value);
  } else if (name == "settings") {
    run.settings = std::move(value);
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string EncodeLastRun(const LastRun& run) {
  return "finished=" + std::to_string(run.finished_unix_seconds) + "\n" +
         "seconds=" + std::to_string(run.seconds) + "\n" +
         "result=" + OneLine(run.result) + "\n" +
         "counts=" + OneLine(run.counts) + "\n" +
         "settings=" + OneLine(run.settings) + "\n";
}

std::optional<LastRun> DecodeLastRun(std::string_view text) {
  LastRun run;
  bool has_finished = false;
  ForEachField(text, [&](std::string_view name, std::string value) {
    ReadLastRunField(name, value, run, has_finished);
  });
  if (!has_finished) return std::nullopt;
  return run;
}

std::string_view RunStateName(RunRecord::State state) {
  switch (state) {
    case RunRecord::State::kRunning: return "running";
    case RunRecord::State::kDone: return "done";
    case RunRecord::State::kFailed: return "failed";
    case RunRecord::State::kInterrupted: return "interrupted";
  }
  return "running";
}

std::string EncodeRunRecord(const RunRecord& record) {
  std::string text = "state=" + std::string(RunStateName(record.state)) + "\n" +
                     "pid=" + std::to_string(record.pid) + "\n" +
                     "started=" + std::to_string(record.started_unix_seconds) + "\n" +
                     "shards=" + std::to_string(record.shards) + "\n" +
                     "analysis=" + OneLine(record.analysis) + "\n";
  if (record.state != RunRecord::State::kRunning) text += EncodeLastRun(record.run);
  for (const std::string& root : record.roots) text += "root=" + OneLine(root) + "\n";
  return text;
}

std::optional<RunRecord> DecodeRunRecord(std::string_view text) {
  RunRecord record;
  bool has_state = false, has_finished = false;
  ForEachField(text, [&](std::string_view name, std::string value) {
    if (ReadLastRunField(name, value, record.run, has_finished)) return;
    if (name == "state") {
      for (RunRecord::State state : {RunRecord::State::kRunning, RunRecord::State::kDone,
                                     RunRecord::State::kFailed, RunRecord::State::kInterrupted}) {
        if (value == RunStateName(state)) {
          record.state = state;
          has_state = true;
        }
      }
    } else if (name == "pid") {
      ParseInteger(value, record.pid);
    } else if (name == "started") {
      ParseInteger(value, record.started_unix_seconds);
    } else if (name == "shards") {
      ParseInteger(value, record.shards);
    } else if (name == "analysis") {
      record.analysis = std::move(value);
    } else if (name == "root") {
      record.roots.push_back(std::move(value));
    }
  });
  if (!has_state) return std::nullopt;
  return record;
}

Status WriteRunRecord(const std::string& index_folder, const RunRecord& record) {
  const std::string path = index_folder + "/" + std::string(kRunRecordFileName);
  std::string text = EncodeRunRecord(record);
  // Padded to whole blocks, so that the next record, as long, overwrites
  // the file in place; a longer one grows it.
  text.resize((text.size() / kRunRecordBlock + 1) * kRunRecordBlock, '\n');
  // Readable as the index is: the umask (set from its access) decides.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError(errno, path);
  // Run by root, the record stays the index owner's, like the rest of it.
  struct stat folder;
  if (::geteuid() == 0 && ::stat(index_folder.c_str(), &folder) == 0) {
    (void)::fchown(fd, folder.st_uid, folder.st_gid);
  }
  // pwrite over the whole, already allocated file: no new blocks needed.
  ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
  int error = errno;
  if (written == static_cast<ssize_t>(text.size()) && ::fdatasync(fd) != 0) {
    error = errno;
    written = -1;
  }
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    return ErrnoError(written < 0 ? error : ENOSPC, path);
  }
  return Status::Ok();
}

std::optional<RunRecord> ReadRunRecord(const std::string& index_folder) {
  const std::string path = index_folder + "/" + std::string(kRunRecordFileName);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > (16 << 20)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  ssize_t got = ::pread(fd, text.data(), text.size(), 0);
  ::close(fd);
  if (got <= 0) return std::nullopt;
  text.resize(static_cast<size_t>(got));
  return DecodeRunRecord(text);
}

bool ProcessIsAlive(int64_t pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace quarry
