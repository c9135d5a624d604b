#include "searcher/rank/hit_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "common/index/schema.h"
#include "common/text/rst_text.h"
#include "common/text/utf8.h"
#include "searcher/rank/freshness.h"

namespace quarry::searcher {

namespace {

// The starts of a hit's text tried in turn for its snippet: usually the
// passage is in the first, and the rest of a long text is never read or
// decoded (the larger one is a block of the stored text, common/index/
// stored_text.h).
constexpr size_t kSnippetStartBytes[] = {4 << 10, 16 << 10};

// Closes the file however the read ends.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

StatusOr<TextStart> ReadFileText(const Hit& hit, FileText how, size_t max_bytes) {
  Fd fd(::open(hit.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return ErrnoError(errno, hit.path);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError(errno, hit.path);
  if (!S_ISREG(st.st_mode)) return NotFoundError(hit.path + ": no longer a regular file");
  if (!IsAsIndexed(st, hit))
    return FailedPreconditionError(hit.path + ": changed since it was indexed");
  // One byte more than asked tells whether the text goes on.
  const uint64_t want = std::min<uint64_t>(static_cast<uint64_t>(st.st_size), max_bytes) + 1;
  std::string bytes(static_cast<size_t>(want), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError(errno, hit.path);
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  TextStart start;
  // As many bytes as the stat promised: a file that grew or shrank since
  // is not as indexed.
  start.file_as_indexed = static_cast<uint64_t>(st.st_size) <= max_bytes
                              ? got == static_cast<uint64_t>(st.st_size)
                              : got == bytes.size();
  // A file that grew since the stat is not whole either.
  start.whole = got <= max_bytes && got <= static_cast<uint64_t>(st.st_size);
  if (!start.whole) {
    bytes.resize(TruncateUtf8(bytes, std::min<size_t>(got, max_bytes)).size());
    if (how == FileText::kRst) {
      // Only whole lines: reST markup depends on the rest of its line.
      const size_t line_end = bytes.rfind('\n');
      bytes.resize(line_end == std::string::npos ? 0 : line_end + 1);
    }
  }
  if (!IsValidUtf8(bytes)) bytes = SanitizeUtf8(bytes);
  start.text = how == FileText::kRst ? RstPlainText(bytes) : std::move(bytes);
  return start;
}

}  // namespace

StatusOr<TextStart> ReadHitText(std::string_view data, const Hit& hit, size_t max_bytes) {
  if (std::optional<FileText> how = FileTextOf(data)) return ReadFileText(hit, *how, max_bytes);
  TextStart start;
  QUARRY_ASSIGN_OR_RETURN(start.text, DecodeStoredText(data, max_bytes));
  // Shorter than asked (a cut character aside): that is the whole text.
  start.whole = start.text.size() + 4 <= max_bytes;
  return start;
}

HitSnippet SnippetOfHit(std::string_view data, const Hit& hit, SnippetMaker& maker) {
  for (size_t bytes : kSnippetStartBytes) {
    StatusOr<TextStart> start = ReadHitText(data, hit, bytes);
    if (!start.ok()) return {};
    if (start->whole) return {maker.Make(start->text), start->file_as_indexed};
    // (A reST start without a line end is empty.)
    if (start->text.empty()) continue;
    if (std::optional<Snippet> snippet = maker.MakeFromStart(start->text)) {
      return {std::move(*snippet), start->file_as_indexed};
    }
  }
  StatusOr<TextStart> all = ReadHitText(data, hit, schema::kMaxStoredTextBytes);
  if (!all.ok()) return {};
  return {maker.Make(all->text), all->file_as_indexed};
}

}  // namespace quarry::searcher
