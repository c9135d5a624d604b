#include "indexer/extract/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/text/utf8.h"
#include "indexer/extract/decompressor.h"

namespace quarry::indexer {

namespace {

// A file that vanished between the walk and the read says so.
Status ReadError(int err, const std::string& path) {
  if (err == ENOENT || err == ENOTDIR) return NotFoundError(path + ": vanished before it was read");
  return ErrnoError(err, path);
}

}  // namespace

StatusOr<std::string> ReadFileContent(const std::string& path, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0 && errno == ELOOP) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return ReadError(errno, path);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return UnsupportedError(path + ": not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return UnsupportedError(path + ": too large (" + std::to_string(st.st_size) +
                            " bytes, limit " + std::to_string(max_bytes) + ")");
  }
  std::string content;
  content.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (true) {
    if (done == content.size()) {
      // The file may have grown since fstat; read what is there up to the limit.
      if (content.size() >= max_bytes) break;
      content.resize(std::min<uint64_t>(max_bytes, content.size() + 65536));
    }
    ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return ReadError(err, path);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(done);
  return content;
}

StatusOr<FormatContent> OpenFormatContent(const std::string& path, std::string raw,
                                          uint64_t max_bytes) {
  FormatContent content;
  content.format_path = std::string(WithoutCompressionSuffix(path));
  if (content.format_path.size() == path.size()) {
    content.bytes = std::move(raw);
    return content;
  }
  QUARRY_ASSIGN_OR_RETURN(content.bytes, Decompress(path, raw, max_bytes));
  return content;
}

void CapDocumentText(std::vector<ExtractedDocument>& docs, uint64_t max_bytes) {
  for (ExtractedDocument& doc : docs) {
    if (doc.body.size() <= max_bytes) continue;
    doc.body.resize(TruncateUtf8(doc.body, max_bytes).size());
    doc.text_in_file.reset();
  }
}

}  // namespace quarry::indexer
